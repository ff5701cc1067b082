package dev.mnemo.spi;

import java.util.concurrent.CompletionStage;

/**
 * Where analytics go when a session ends: the session's record, the user's stats and recent
 * sessions, and knowledge-base entry usage, written as one batch. Mnemo calls it once per
 * session (the end is claimed atomically); a failed write is retried later, never thrown
 * into the caller.
 */
public interface AnalyticsSink {

    /** @return the sink's name, for logs */
    String name();

    /**
     * @param batch the session's analytics
     * @return completes when the batch is durably written; fails to have it retried
     */
    CompletionStage<Void> write(AnalyticsBatch batch);
}
