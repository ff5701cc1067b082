package dev.mnemo;

import java.util.List;

/**
 * What {@link Mnemo#append} stored.
 *
 * @param messages     the messages as stored, each with its token count
 * @param appended     how many were new; a retried append of the same message objects appends none
 * @param messageCount the session's message count afterwards
 * @param tokenCount   the session's token count afterwards
 * @param tier         the tier that acknowledged the append
 * @param degraded     whether a preferred tier was skipped because it was down
 */
public record AppendResult(List<Message> messages, int appended, long messageCount, long tokenCount,
                           String tier, boolean degraded) {

    /** Copies the list. */
    public AppendResult {
        messages = List.copyOf(messages);
    }
}
