package dev.mnemo.spi;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Where analytics go when a session ends: the session's record, the user's stats and recent
 * sessions, and knowledge-base entry usage, written as one batch. Sinks are made by an
 * {@link AnalyticsSinkProvider}, or handed to the analytics module directly.
 *
 * <p>Delivery is at least once: a write that failed, or whose outcome is unknown (a timeout, a
 * crash), is written again later, by this process or another. A sink makes it exactly once by
 * being idempotent by {@link AnalyticsBatch#id()}: a batch whose id it has already taken must
 * change nothing, its counters included, and complete normally. A sink never throws: it fails the
 * stage to have the batch retried.
 */
public interface AnalyticsSink extends AutoCloseable {

    /** @return the sink's name, for logs and {@code mnemo.analytics.sink} */
    String name();

    /**
     * @param batch the session's analytics
     * @return {@code true} when this call wrote the batch, {@code false} when the sink had it
     *         already (nothing changed); fails to have it retried
     */
    CompletionStage<Boolean> write(AnalyticsBatch batch);

    /**
     * Purges what the sink holds of one session (its record; shared counters keep their counts).
     * The default holds nothing per session.
     *
     * @return completes when purged
     */
    default CompletionStage<Void> deleteSession(SessionRef ref) {
        return CompletableFuture.completedFuture(null);
    }

    /**
     * Purges what the sink holds of one user: stats, recent sessions and session records. The
     * default holds nothing per user.
     *
     * @return completes when purged
     */
    default CompletionStage<Void> deleteUser(String namespace, String userId) {
        return CompletableFuture.completedFuture(null);
    }

    /** Releases the sink's connections; it takes no calls afterwards. The default has none. */
    @Override
    default void close() {
    }
}
