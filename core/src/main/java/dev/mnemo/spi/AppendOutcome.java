package dev.mnemo.spi;

/**
 * What an append did in one tier.
 *
 * @param appended     how many messages were new; ids already stored are skipped
 * @param messageCount the session's message count after the append
 * @param tokenCount   the session's token count after the append
 */
public record AppendOutcome(int appended, long messageCount, long tokenCount) {
}
