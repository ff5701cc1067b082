package dev.mnemo.internal;

import dev.mnemo.spi.support.Stages;
import dev.mnemo.CorruptDataException;
import dev.mnemo.Message;
import dev.mnemo.Served;
import dev.mnemo.SessionNotFoundException;
import dev.mnemo.spi.MemoryStore;
import dev.mnemo.spi.SessionRef;
import dev.mnemo.spi.Window;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads with failover and warming. Reads of a session go to the hot tier first: it holds the
 * session's counters, summary, state and window, so a warm session's turn costs one round trip
 * to it and none to the durable tier. The durable tier answers only on a miss (the hot copy
 * expired, was evicted, or was lost in a restart), after which the hot tier is warmed again; on
 * corrupt hot data, which is logged with its key, counted and rebuilt from the durable tier; and
 * while the hot tier is out or its copy missed writes (then the answer says degraded). A read the
 * hot tier answers counts as the session's activity ({@link Activity}); a session the hot tier
 * lacks because it was purged is not read from the copies a purge could not reach ({@link Tombstones}).
 */
final class Reads {

    private static final Logger LOG = LoggerFactory.getLogger(Reads.class);

    private final Tiers tiers;
    private final @Nullable Warmer warmer;
    private final @Nullable DurableFlusher flusher;
    private final Activity activity;
    private final Tombstones tombstones;
    private final RouterMetrics metrics;
    private final AtomicLong corrupt = new AtomicLong();
    private final java.util.Set<Integer> widerThanHot = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * @param tiers   the tiers
     * @param warmer  re-warms the hot tier, or {@code null} without a durable tier
     * @param flusher  what holds messages not yet in the durable tier, or {@code null} without one
     * @param activity   what a read of a session marks as its activity
     * @param tombstones what a hot miss asks before other tiers answer for a session
     * @param metrics    where degraded reads and corrupt data are counted
     */
    Reads(Tiers tiers, @Nullable Warmer warmer, @Nullable DurableFlusher flusher, Activity activity, Tombstones tombstones,
          RouterMetrics metrics) {
        this.tiers = tiers;
        this.warmer = warmer;
        this.flusher = flusher;
        this.activity = activity;
        this.tombstones = tombstones;
        this.metrics = metrics;
    }

    /** @return how many reads met corrupt data in the hot tier */
    long corruptReads() {
        return corrupt.get();
    }

    /** Runs a read on the tier of record, or the next one that answers. */
    <T> CompletionStage<Served<T>> ofRecord(Function<MemoryStore, CompletionStage<T>> read) {
        return firstAnswer(tiers.recordOrder, 0, read, false);
    }

    /**
     * Runs a read of a session on the hot tier first; see the class comment.
     *
     * @param miss tells an answer that means the hot tier lacks the session (such as an empty optional)
     */
    <T> CompletionStage<Served<T>> hotFirst(SessionRef ref, Function<MemoryStore, CompletionStage<T>> read,
                                            Predicate<T> miss) {
        if (tiers.hot == null) {
            return ofRecord(read);
        }
        if (warmer != null && warmer.isMissed(ref)) {
            metrics.degraded("read");
            return ofRecord(read).thenApply(served -> new Served<>(served.value(), served.tier(), true));
        }
        if (warmer != null && warmer.isWarming(ref)) {
            return ofRecord(read); // the hot copy is being rebuilt: part of it may be there yet
        }
        return recover(Stages.call(() -> read.apply(tiers.hot)).thenCompose(value -> {
            Served<T> hot = new Served<>(value, tiers.hot.name(), false);
            if (!miss.test(value) || tiers.durable == null) {
                if (!miss.test(value)) {
                    activity.read(ref, null);
                }
                return CompletableFuture.completedFuture(hot);
            }
            return unlessPurged(ref, () -> readThrough(ref, read, miss), () -> CompletableFuture.completedFuture(hot));
        }), error -> {
            if (Outages.isMissing(error) && tiers.durable != null) {
                return unlessPurged(ref, () -> readThrough(ref, read, miss), () -> CompletableFuture.failedFuture(error));
            }
            if (Outages.isCorrupt(error) && tiers.durable != null) {
                repair(ref, (CorruptDataException) Stages.unwrap(error));
                return firstAnswer(Tiers.present(tiers.durable, tiers.fallback), 0, read, false);
            }
            if (!Outages.isOutage(error) || tiers.hotOrder.size() == 1) {
                return CompletableFuture.failedFuture(error);
            }
            metrics.degraded("read");
            return firstAnswer(tiers.hotOrder, 1, read, true);
        });
    }

    /** Reads what a context needs: the hot tier first, in one round trip where the tier allows. */
    CompletionStage<Served<Window>> window(SessionRef ref, int k, boolean withState) {
        warnIfWiderThanHot(k);
        if (tiers.hot == null) {
            return windowOfRecord(ref, k, withState, List.of(), false).thenApply(served -> {
                activity.read(ref, served.value().session().updatedAt());
                return served;
            });
        }
        if (warmer != null && warmer.isMissed(ref)) {
            metrics.degraded("readWindow");
            return windowOfRecord(ref, k, withState, List.of(), true); // the hot copy missed writes: stale until re-warmed
        }
        if (warmer != null && warmer.isWarming(ref)) {
            return windowOfRecord(ref, k, withState, List.of(), false); // being rebuilt: part of it may be there yet
        }
        return recover(Stages.call(() -> tiers.hot.readWindow(ref, k, withState)).thenCompose(window -> {
            activity.read(ref, window.session().updatedAt());
            return complete(window, k) || tiers.durable == null ? CompletableFuture.completedFuture(new Served<>(window, tiers.hot.name(), false))
                    : windowOfRecord(ref, k, withState, window.messages(), false);
        }), error -> {
            if (Outages.isMissing(error) && tiers.durable != null) {
                return unlessPurged(ref, () -> windowOfRecord(ref, k, withState, List.of(), false).thenApply(served -> {
                    warmer.warmHotLater(ref);
                    return served;
                }), () -> CompletableFuture.failedFuture(error));
            }
            if (Outages.isCorrupt(error) && tiers.durable != null) {
                repair(ref, (CorruptDataException) Stages.unwrap(error));
                return windowOfRecord(ref, k, withState, List.of(), false);
            }
            if (!Outages.isOutage(error) || tiers.hotOrder.size() == 1) {
                return CompletableFuture.failedFuture(error);
            }
            metrics.degraded("readWindow");
            return windowOfRecord(ref, k, withState, List.of(), true);
        });
    }

    /**
     * Says once per read size that a policy reads more messages than the hot tier keeps: those reads
     * of long sessions go to the durable tier, which a warm session's turn should never need.
     */
    private void warnIfWiderThanHot(int k) {
        int kept = tiers.hot == null ? 0 : tiers.hot.capabilities().windowSize();
        if (kept > 0 && k > kept && tiers.durable != null && widerThanHot.add(k)) {
            LOG.warn("A context policy reads the last {} messages but the hot tier '{}' keeps {}: reads of sessions"
                    + " longer than that go to the durable tier '{}'. Raise the hot window (mnemo.redis.window-size)"
                    + " or read fewer (ContextPolicy.lastMessages)", k, tiers.hot.name(), kept, tiers.durable.name());
        }
    }

    /** @return whether {@code window} holds the {@code k} latest messages, or all the session has */
    static boolean complete(Window window, int k) {
        return window.messages().size() >= k || window.messages().size() >= window.session().messageCount();
    }

    /** The window from the durable tier (else the fallback), with what still waits for it merged in. */
    private CompletionStage<Served<Window>> windowOfRecord(SessionRef ref, int k, boolean withState, List<Message> seen,
                                                           boolean degraded) {
        List<MemoryStore> order = Tiers.present(tiers.durable, tiers.fallback);
        if (order.isEmpty()) {
            return CompletableFuture.failedFuture(new SessionNotFoundException(ref + " (no tier holds its window)"));
        }
        // Waiting messages are taken before the read: one committed in between is in that read.
        List<Message> extra = new java.util.ArrayList<>(seen);
        if (flusher != null) {
            extra.addAll(flusher.pendingMessages(ref));
        }
        return firstAnswer(order, 0, tier -> tier.readWindow(ref, k, withState), degraded)
                .thenApply(served -> served.with(Warmer.merge(served.value(), extra, k)));
    }

    /** Runs {@code read} after a hot miss unless the session was purged (see {@link Tombstones}); else {@code gone}. */
    private <T> CompletionStage<T> unlessPurged(SessionRef ref, Supplier<CompletionStage<T>> read,
                                                Supplier<CompletionStage<T>> gone) {
        return tombstones.purged(ref).thenCompose(purged -> purged ? gone.get() : read.get());
    }

    /** Reads the durable tier after a hot miss; a session found there is warmed into the hot tier. */
    private <T> CompletionStage<Served<T>> readThrough(SessionRef ref, Function<MemoryStore, CompletionStage<T>> read,
                                                       Predicate<T> miss) {
        return firstAnswer(Tiers.present(tiers.durable, tiers.fallback), 0, read, false).thenApply(served -> {
            if (!miss.test(served.value())) {
                warmer.warmHotLater(ref);
            }
            return served;
        });
    }

    /** Logs and counts corrupt hot data, drops the hot copy (not its journal) and warms it again. */
    private void repair(SessionRef ref, CorruptDataException error) {
        corrupt.incrementAndGet();
        metrics.corrupt(tiers.hot.name());
        LOG.error("Corrupt data in the hot tier '{}' at {}; the durable tier answers and the session is rebuilt: {}",
                tiers.hot.name(), error.key(), error.getMessage());
        if (tiers.hotReset == null) {
            return;
        }
        Stages.call(() -> tiers.hotReset.reset(ref)).whenComplete((reset, failure) -> {
            if (failure == null) {
                warmer.warmHotLater(ref);
            } else {
                LOG.warn("Could not drop the corrupt hot copy of {}: {}", ref, Stages.unwrap(failure).toString());
            }
        });
    }

    private <T> CompletionStage<Served<T>> firstAnswer(List<MemoryStore> order, int index,
                                                     Function<MemoryStore, CompletionStage<T>> read, boolean degraded) {
        MemoryStore tier = order.get(index);
        return recover(Stages.call(() -> read.apply(tier)).thenApply(value -> new Served<>(value, tier.name(), degraded)),
                error -> {
                    if (!Outages.isOutage(error) || index + 1 == order.size()) {
                        return CompletableFuture.failedFuture(error);
                    }
                    metrics.degraded("read");
                    return firstAnswer(order, index + 1, read, true);
                });
    }

    static <T> CompletionStage<T> recover(CompletionStage<T> stage, Function<Throwable, CompletionStage<T>> onError) {
        return stage.handle((value, error) -> error == null ? CompletableFuture.completedFuture(value)
                : onError.apply(Stages.unwrap(error))).thenCompose(Function.identity());
    }
}
