package dev.mnemo.internal;

import dev.mnemo.InvalidInputException;
import dev.mnemo.Message;
import dev.mnemo.MnemoConfig;
import dev.mnemo.ResilienceConfig;
import dev.mnemo.Served;
import dev.mnemo.Session;
import dev.mnemo.Summary;
import dev.mnemo.WriteMode;
import dev.mnemo.spi.AppendOutcome;
import dev.mnemo.spi.Health;
import dev.mnemo.spi.MemoryStore;
import dev.mnemo.spi.SessionRef;
import dev.mnemo.spi.StoreConfig;
import dev.mnemo.spi.Window;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Composes the tiers by role: hot (shared, windowed), durable (the system of record) and
 * fallback (this process). Writes go to every tier at once; the durable tier takes them through
 * a per-session {@link DurableQueue}, which is also the replay journal while it is down. Context
 * reads go to the hot tier first and read through from the durable tier on a miss, warming the
 * hot tier. Every tier sits behind a {@link ResilientStore} when there are several; a tier that is
 * out is skipped and the answer says degraded. A maintenance task replays the journal, flushes
 * write-behind batches, re-warms sessions the hot tier missed and probes half-open breakers.
 */
public final class TieredRouter implements Router {

    private static final Logger LOG = LoggerFactory.getLogger(TieredRouter.class);
    private static final Duration CLOSE_FLUSH_TIMEOUT = Duration.ofSeconds(10);

    private final MemoryStore hot;
    private final MemoryStore durable;
    private final MemoryStore fallback;
    private final List<MemoryStore> recordOrder;
    private final List<MemoryStore> hotOrder;
    private final DurableQueue queue;
    private final WriteMode mode;
    private final RouterMetrics metrics;
    private final ScheduledExecutorService scheduler;
    private final Warmer warmer;

    private TieredRouter(Map<TierRole, MemoryStore> roles, MnemoConfig settings, RouterMetrics metrics,
                         ScheduledExecutorService scheduler) {
        this.hot = roles.get(TierRole.HOT);
        this.durable = roles.get(TierRole.DURABLE);
        this.fallback = roles.get(TierRole.FALLBACK);
        this.recordOrder = present(durable, hot, fallback);
        this.hotOrder = present(hot, durable, fallback);
        this.mode = settings.writeMode();
        this.metrics = metrics;
        this.scheduler = scheduler;
        this.queue = durable == null ? null : new DurableQueue(durable, settings.journalMaxMessages(), metrics);
        this.warmer = durable == null ? null : new Warmer(durable, queue, hot, metrics);
        long interval = settings.flushInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::maintain, interval, interval, TimeUnit.MILLISECONDS);
    }

    /**
     * @param stores   the tiers, at most one per {@link TierRole}
     * @param settings write mode, journal bound and flush interval
     * @param config   where each tier's {@link ResilienceConfig} is read
     * @param metrics  where calls, breakers and the journal are reported
     * @return the router; it owns the stores and closes them
     * @throws InvalidInputException when two tiers play one role
     */
    public static TieredRouter create(List<MemoryStore> stores, MnemoConfig settings, StoreConfig config,
                                      RouterMetrics metrics) {
        Map<TierRole, MemoryStore> roles = new EnumMap<>(TierRole.class);
        for (MemoryStore store : stores) {
            MemoryStore other = roles.putIfAbsent(TierRole.of(store.capabilities()), store);
            if (other != null) {
                throw new InvalidInputException("Tiers '" + other.name() + "' and '" + store.name() + "' both play the "
                        + TierRole.of(store.capabilities()) + " role; configure one (mnemo.tiers)");
            }
        }
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "mnemo-router");
            thread.setDaemon(true);
            return thread;
        });
        if (stores.size() > 1) {
            roles.replaceAll((role, store) -> guarded(store, config, scheduler, metrics));
        }
        TieredRouter router = new TieredRouter(roles, settings, metrics, scheduler);
        LOG.info("Mnemo routing: {} ({})", roles.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().name())
                .toList(), settings.writeMode());
        return router;
    }

    private static MemoryStore guarded(MemoryStore store, StoreConfig config, ScheduledExecutorService scheduler,
                                       RouterMetrics metrics) {
        ResilientStore resilient = new ResilientStore(store, ResilienceConfig.from(config, store.name()), scheduler, metrics);
        metrics.bindBreaker(resilient.breaker());
        return resilient;
    }

    // ------------------------------------------------------------------- reads

    @Override
    public <T> CompletionStage<Served<T>> read(Function<MemoryStore, CompletionStage<T>> read) {
        return firstAnswer(recordOrder, 0, read, false);
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

    @Override
    public CompletionStage<Served<Window>> readWindow(SessionRef ref, int k) {
        if (hot == null) {
            return windowOfRecord(ref, k, List.of(), false);
        }
        if (warmer != null && warmer.isMissed(ref)) {
            metrics.degraded("readWindow");
            return windowOfRecord(ref, k, List.of(), true); // the hot copy missed writes: stale until re-warmed
        }
        return recover(Stages.call(() -> hot.readWindow(ref, k)).thenCompose(window -> {
            boolean complete = window.messages().size() >= k || window.messages().size() >= window.session().messageCount();
            return complete ? CompletableFuture.completedFuture(new Served<>(window, hot.name(), false))
                    : windowOfRecord(ref, k, window.messages(), false);
        }), error -> {
            if (Outages.isMissing(error) && durable != null) {
                return windowOfRecord(ref, k, List.of(), false).thenApply(served -> {
                    warmer.warmHotLater(ref);
                    return served;
                });
            }
            if (!Outages.isOutage(error) || hotOrder.size() == 1) {
                return CompletableFuture.failedFuture(error);
            }
            if (warmer != null) {
                warmer.missed(ref);
            }
            metrics.degraded("readWindow");
            return windowOfRecord(ref, k, List.of(), true);
        });
    }

    /** The window from the durable tier (else the fallback), with what is still queued for it merged in. */
    private CompletionStage<Served<Window>> windowOfRecord(SessionRef ref, int k, List<Message> seen, boolean degraded) {
        List<MemoryStore> order = durable != null ? present(durable, fallback) : present(fallback);
        if (order.isEmpty()) {
            return CompletableFuture.failedFuture(new InvalidInputException("No tier holds the window of " + ref));
        }
        // Queued messages are taken before the read: one that leaves the queue in between is in that read.
        List<Message> extra = new ArrayList<>(seen);
        if (queue != null) {
            extra.addAll(queue.pendingMessages(ref));
        }
        return firstAnswer(order, 0, tier -> tier.readWindow(ref, k), degraded).thenApply(served ->
                extra.isEmpty() ? served : served.with(Windows.merge(served.value(), extra, k)));
    }

    // ------------------------------------------------------------------ writes

    @Override
    public CompletionStage<Served<AppendOutcome>> append(SessionRef ref, List<Message> messages) {
        CompletableFuture<AppendOutcome> toHot = hot == null ? null : hotAppend(ref, messages);
        CompletableFuture<AppendOutcome> toFallback = fallback == null ? null
                : Stages.call(() -> fallback.append(ref, messages)).toCompletableFuture();
        CompletableFuture<AppendOutcome> toDurable = null;
        if (durable != null) {
            boolean behind = mode == WriteMode.WRITE_BEHIND && hot != null;
            toDurable = queue.append(ref, messages, !behind);
            if (behind && !toDurable.isCompletedExceptionally()) {
                toDurable = null; // acknowledged by the hot tier; the queue flushes it later
            }
        }
        return acknowledge("append", ref, toDurable, toHot, toFallback);
    }

    /** The hot append; a session the hot tier lost (expiry, restart) is warmed from the durable tier and appended again. */
    private CompletableFuture<AppendOutcome> hotAppend(SessionRef ref, List<Message> messages) {
        return recover(Stages.call(() -> hot.append(ref, messages)), error -> {
            if (Outages.isMissing(error) && durable != null) {
                return warmer.warm(hot, ref).thenCompose(ignored -> hot.append(ref, messages));
            }
            return CompletableFuture.failedFuture(error);
        }).toCompletableFuture();
    }

    @Override
    public <T> CompletionStage<Served<T>> write(SessionRef ref, Function<MemoryStore, CompletionStage<T>> write) {
        CompletableFuture<T> toHot = hot == null ? null : Stages.call(() -> write.apply(hot)).toCompletableFuture();
        CompletableFuture<T> toFallback = fallback == null ? null
                : Stages.call(() -> write.apply(fallback)).toCompletableFuture();
        CompletableFuture<T> toDurable = durable == null ? null : queue.write(ref, write);
        return acknowledge("write", ref, toDurable, toHot, toFallback);
    }

    @Override
    public CompletionStage<Served<Session>> createSession(Session session) {
        SessionRef ref = session.ref();
        if (durable == null) {
            return write(ref, tier -> tier.createSession(session));
        }
        return queue.write(ref, tier -> tier.createSession(session)).handle((stored, error) -> {
            if (error != null && Outages.isOutage(error)) {
                return write(ref, tier -> tier.createSession(session)).thenApply(served ->
                        new Served<>(served.value(), served.tier(), true));
            }
            if (error != null) {
                return CompletableFuture.<Served<Session>>failedFuture(error);
            }
            // A tier that lost an existing session (expired, restarted) gets its window back, not an empty copy.
            List<CompletableFuture<Void>> copies = new ArrayList<>();
            for (MemoryStore mirror : present(hot, fallback)) {
                copies.add(Stages.call(() -> stored.equals(session) ? mirror.createSession(session).thenApply(s -> (Void) null)
                        : mirror.getSession(ref).thenCompose(found -> found.isPresent()
                                ? CompletableFuture.<Void>completedFuture(null) : warmer.warm(mirror, ref))).toCompletableFuture());
            }
            return CompletableFuture.allOf(copies.toArray(CompletableFuture[]::new)).handle((ignored, copyError) -> {
                boolean hotMissedIt = copyError != null && hot != null && noteHotMiss(ref, copies.get(0));
                return new Served<>(stored, durable.name(), hotMissedIt);
            });
        }).thenCompose(Function.identity());
    }

    @Override
    public CompletionStage<Served<Boolean>> compareAndSetSummary(SessionRef ref, long expectedVersion, Summary summary) {
        MemoryStore record = recordOrder.get(0);
        return Stages.call(() -> record.compareAndSetSummary(ref, expectedVersion, summary)).thenApply(swapped -> {
            if (swapped) {
                present(hot, fallback).stream().filter(mirror -> mirror != record)
                        .forEach(mirror -> Warmer.copySummary(mirror, ref, summary));
            }
            return new Served<>(swapped, record.name(), false);
        });
    }

    @Override
    public CompletionStage<Served<Boolean>> deleteSession(SessionRef ref) {
        if (queue != null) {
            queue.drop(ref);
        }
        if (warmer != null) {
            warmer.forget(ref);
        }
        return write(ref, tier -> tier.deleteSession(ref));
    }

    @Override
    public CompletionStage<Served<Integer>> deleteUser(String namespace, String userId) {
        MemoryStore record = recordOrder.get(0);
        CompletionStage<?> dropped = queue == null ? CompletableFuture.completedFuture(null)
                : record.listSessions(namespace, userId, Integer.MAX_VALUE).thenAccept(sessions ->
                        sessions.forEach(session -> queue.drop(session.ref())));
        return dropped.thenCompose(ignored -> {
            List<CompletableFuture<Integer>> purges = recordOrder.stream()
                    .map(tier -> Stages.call(() -> tier.deleteUser(namespace, userId)).toCompletableFuture()).toList();
            return CompletableFuture.allOf(purges.toArray(CompletableFuture[]::new))
                    .thenApply(all -> new Served<>(purges.get(0).join(), record.name(), false));
        });
    }

    /**
     * Answers a write from the durable tier when there is one and it took the write; while it is
     * out (the write stays queued for replay) from the first mirror that took it, degraded.
     */
    private <T> CompletionStage<Served<T>> acknowledge(String operation, SessionRef ref, CompletableFuture<T> toDurable,
                                                       CompletableFuture<T> toHot, CompletableFuture<T> toFallback) {
        List<CompletableFuture<T>> all = Stream.of(toDurable, toHot, toFallback)
                .filter(Objects::nonNull).toList();
        return CompletableFuture.allOf(all.stream().map(f -> f.exceptionally(e -> null)).toArray(CompletableFuture[]::new))
                .thenCompose(ignored -> {
                    boolean hotOut = toHot != null && noteHotMiss(ref, toHot);
                    if (toDurable != null && !toDurable.isCompletedExceptionally()) {
                        return done(toDurable.join(), durable.name(), hotOut, operation);
                    }
                    Throwable durableError = toDurable == null ? null : failure(toDurable);
                    if (durableError != null && (!Outages.isOutage(durableError) || durableError instanceof JournalFullException)) {
                        return CompletableFuture.failedFuture(durableError);
                    }
                    boolean degraded = durableError != null || hotOut;
                    if (toHot != null && !toHot.isCompletedExceptionally()) {
                        return done(toHot.join(), hot.name(), degraded, operation);
                    }
                    if (toFallback != null && !toFallback.isCompletedExceptionally()) {
                        return done(toFallback.join(), fallback.name(), toDurable != null || toHot != null, operation);
                    }
                    Throwable error = durableError != null ? durableError : toHot != null ? failure(toHot) : failure(toFallback);
                    return CompletableFuture.failedFuture(error);
                });
    }

    private <T> CompletionStage<Served<T>> done(T value, String tier, boolean degraded, String operation) {
        if (degraded) {
            metrics.degraded(operation);
        }
        return CompletableFuture.completedFuture(new Served<>(value, tier, degraded));
    }

    /** @return whether the hot write failed for an outage; if so the session is re-warmed once the tier is back */
    private boolean noteHotMiss(SessionRef ref, CompletableFuture<?> toHot) {
        Throwable error = failure(toHot);
        if (error != null && Outages.isOutage(error)) {
            if (warmer != null) {
                warmer.missed(ref); // without a durable tier there is nothing to re-warm from
            }
            return true;
        }
        return false;
    }

    // -------------------------------------------------------------- recover

    private void maintain() {
        try {
            if (queue != null) {
                queue.drainAll();
            }
            if (warmer != null && hot != null && callable(hot)) {
                warmer.rewarmMissed();
            }
            for (MemoryStore tier : recordOrder) {
                if (tier instanceof ResilientStore resilient
                        && resilient.breaker().getState() == CircuitBreaker.State.HALF_OPEN) {
                    tier.health(); // a probe: its outcome closes or reopens the breaker
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Mnemo maintenance failed; it runs again shortly", e);
            metrics.backgroundFailure("maintenance");
        }
    }

    private static boolean callable(MemoryStore tier) {
        return !(tier instanceof ResilientStore resilient) || resilient.isCallable();
    }

    // ------------------------------------------------------------ lifecycle

    @Override
    public CompletionStage<List<Health>> health() {
        List<CompletableFuture<Health>> checks = recordOrder.stream().map(tier -> {
            long start = System.nanoTime();
            return Stages.call(tier::health).toCompletableFuture().exceptionally(error ->
                    Health.down(tier.name(), Duration.ofNanos(System.nanoTime() - start), Stages.unwrap(error)));
        }).toList();
        return CompletableFuture.allOf(checks.toArray(CompletableFuture[]::new))
                .thenApply(ignored -> checks.stream().map(CompletableFuture::join).toList());
    }

    @Override
    public void close() {
        try {
            if (queue != null) {
                long deadline = System.nanoTime() + CLOSE_FLUSH_TIMEOUT.toNanos();
                while (!queue.isEmpty() && System.nanoTime() < deadline) {
                    queue.drainAll();
                    Thread.sleep(20);
                }
                if (!queue.isEmpty()) {
                    LOG.error("Mnemo closed with {} messages the durable tier '{}' never took: they are lost",
                            queue.size(), durable.name());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            scheduler.shutdownNow();
            recordOrder.forEach(MemoryStore::close);
        }
    }

    // --------------------------------------------------------------- helpers

    private static List<MemoryStore> present(MemoryStore... tiers) {
        return Arrays.stream(tiers).filter(Objects::nonNull).toList();
    }

    private static Throwable failure(CompletableFuture<?> future) {
        try {
            future.join();
            return null;
        } catch (RuntimeException e) {
            return Stages.unwrap(e);
        }
    }

    private static <T> CompletionStage<T> recover(CompletionStage<T> stage,
                                                  Function<Throwable, CompletionStage<T>> onError) {
        return stage.handle((value, error) -> error == null ? CompletableFuture.completedFuture(value)
                : onError.apply(Stages.unwrap(error))).thenCompose(Function.identity());
    }
}
