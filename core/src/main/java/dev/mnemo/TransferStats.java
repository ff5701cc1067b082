package dev.mnemo;

/**
 * What an export or an import moved ({@link DataTransfer}).
 *
 * @param sessions  sessions
 * @param messages  messages
 * @param states    state records: a session's own keys, or a user's {@code user:} keys
 * @param summaries rolling summaries
 */
public record TransferStats(long sessions, long messages, long states, long summaries) {
}
