package dev.mnemo.analytics;

/**
 * What a {@link SessionAnalytics} has done since it was built, in this process.
 *
 * @param answersBuffered       answers the buffer took
 * @param bufferFailures        buffer writes that failed (an answer or a session start lost), each logged
 * @param batchesWritten        batches the sink wrote
 * @param batchesAlreadyWritten batches the sink had already (a retry after an unknown outcome, or
 *                              another process that got there first): nothing was counted twice
 * @param batchesDiscarded      batches not written: the user was purged, or nothing was known of the session
 * @param flushFailures         attempts to write a batch that failed (sink or tier down) and were retried
 * @param sessionsExpired       batches written for sessions that ended by idling, not by an explicit end
 * @param purgeFailures         purges of a session's or user's analytics that failed, each logged
 * @param retriesPending        batches waiting now in this process for their next attempt
 */
public record AnalyticsStats(long answersBuffered, long bufferFailures, long batchesWritten, long batchesAlreadyWritten,
                             long batchesDiscarded, long flushFailures, long sessionsExpired, long purgeFailures,
                             int retriesPending) {
}
