package dev.mnemo.internal;

import dev.mnemo.Served;
import dev.mnemo.spi.SessionRef;
import dev.mnemo.spi.support.Stages;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * What the writes of messages ({@link Writes}) and of session changes ({@link ChangeWrites}) share:
 * the answer and its degraded count, a hot tier's miss (an outage to re-warm after, or a session it
 * lost, warmed again unless it was purged).
 */
final class WriteSupport {

    private final Tiers tiers;
    private final @Nullable Warmer warmer;
    private final Tombstones tombstones;
    private final RouterMetrics metrics;

    WriteSupport(Tiers tiers, @Nullable Warmer warmer, Tombstones tombstones, RouterMetrics metrics) {
        this.tiers = tiers;
        this.warmer = warmer;
        this.tombstones = tombstones;
        this.metrics = metrics;
    }

    /**
     * Warms a session the hot tier lacks ({@code missing} says so) from the durable tier, unless it
     * was purged: then the write fails with {@code missing}, and no copy brings it back.
     */
    CompletionStage<Void> rewarm(SessionRef ref, Throwable missing) {
        return tombstones.purged(ref).thenCompose(purged -> purged ? CompletableFuture.<Void>failedFuture(missing)
                : warmer.warm(tiers.hot, ref));
    }

    /** @return the answer, counting it when degraded */
    <T> CompletionStage<Served<T>> done(T value, String tier, boolean degraded, String operation) {
        if (degraded) {
            metrics.degraded(operation);
        }
        return CompletableFuture.completedFuture(new Served<>(value, tier, degraded));
    }

    /** @return whether the hot write failed for an outage; if so the session is re-warmed once the tier is back */
    boolean noteHotMiss(SessionRef ref, Throwable error) {
        if (Outages.isOutage(error)) {
            if (warmer != null) {
                warmer.missed(ref); // without a durable tier there is nothing to re-warm from
            }
            return true;
        }
        return false;
    }

    /** @return what {@code future} failed with, unwrapped, or {@code null} when it did not (yet) */
    static @Nullable Throwable failure(CompletableFuture<?> future) {
        if (!future.isCompletedExceptionally()) {
            return null;
        }
        try {
            future.join();
            return null;
        } catch (RuntimeException e) {
            return Stages.unwrap(e);
        }
    }
}
