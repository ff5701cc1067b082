package dev.mnemo.internal;

import dev.mnemo.spi.support.Stages;
import dev.mnemo.InvalidInputException;
import dev.mnemo.Message;
import dev.mnemo.MnemoConfig;
import dev.mnemo.MnemoHealth;
import dev.mnemo.ResilienceConfig;
import dev.mnemo.Served;
import dev.mnemo.Session;
import dev.mnemo.Summary;
import dev.mnemo.spi.AppendOutcome;
import dev.mnemo.spi.BatchWriter;
import dev.mnemo.spi.DurableJournal;
import dev.mnemo.spi.MemoryStore;
import dev.mnemo.spi.SessionChange;
import dev.mnemo.spi.SessionRef;
import dev.mnemo.spi.StoreConfig;
import dev.mnemo.spi.Window;
import java.time.Clock;
import java.util.List;
import org.jspecify.annotations.Nullable;
import java.util.UUID;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Composes the tiers by role ({@link Tiers}): hot (shared, windowed), durable (the system of
 * record) and fallback (this process). Reads go hot-first ({@link Reads}); writes go to every tier
 * and appends reach the durable tier through the hot tier's journal and the {@link DurableFlusher}
 * ({@link Writes}); a purge reaches every tier and journal ({@link Purges}); a background run
 * ({@link Maintenance}) replays, drains and re-warms. Every tier sits behind a {@link ResilientStore}
 * when there are several; a tier that is out is skipped and the answer says degraded.
 */
public final class TieredRouter implements Router {

    private static final Logger LOG = LoggerFactory.getLogger(TieredRouter.class);

    private final Tiers tiers;
    private final MnemoConfig settings;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService sender = Executors.newSingleThreadExecutor(daemon("mnemo-flush"));
    private final DurableFlusher flusher;
    private final SessionWrites sessionWrites;
    private final Reads reads;
    private final Writes writes;
    private final ChangeWrites changeWrites;
    private final Purges purges;
    private final HealthReport health;
    private final @Nullable JournalDrain drain;
    private final RecordReads recordReads;
    private final RouterMetrics metrics;

    private TieredRouter(Tiers tiers, MnemoConfig settings, RouterMetrics metrics, ScheduledExecutorService scheduler) {
        this.tiers = tiers;
        this.settings = settings;
        this.scheduler = scheduler;
        this.metrics = metrics;
        MemoryStore durable = tiers.durable;
        BatchWriter writer = durable == null ? null : durable.capability(BatchWriter.class)
                .orElseGet(() -> new AppendBatches(durable));
        JournalDrain drain = null;
        Poisoned poisoned = null;
        JournaledChanges changes = null;
        Warmer warmer = null;
        if (durable != null) {
            poisoned = new Poisoned(durable.name(), tiers.journal, metrics);
            drain = new JournalDrain(settings.namespace(), tiers.hot, durable, tiers.journal, writer, poisoned, scheduler,
                    settings.flushInterval());
            flusher = new DurableFlusher(durable.name(), writer, settings.journalMaxMessages(), drain, poisoned, metrics,
                    sender);
            changes = tiers.journal == null ? null : new JournaledChanges(durable, tiers.journal, drain, metrics);
            drain.attach(flusher, changes);
            sessionWrites = new SessionWrites(durable, settings.journalMaxMessages(), metrics);
            warmer = new Warmer(durable, flusher, tiers.hot, tiers.journal, metrics);
        } else {
            flusher = null;
            sessionWrites = null;
        }
        Tombstones tombstones = new Tombstones(tiers);
        this.reads = new Reads(tiers, warmer, flusher, new Activity(tiers, Clock.systemUTC()), tombstones, metrics);
        this.drain = drain;
        this.recordReads = new RecordReads(tiers, reads, flusher);
        this.health = new HealthReport(tiers, settings.namespace(), flusher, sessionWrites, poisoned, reads,
                Clock.systemUTC());
        WriteSupport support = new WriteSupport(tiers, warmer, tombstones, metrics);
        this.writes = new Writes(tiers, settings, warmer, writer, flusher, support);
        this.changeWrites = new ChangeWrites(tiers, settings, warmer, sessionWrites, drain, changes, support);
        this.purges = new Purges(tiers, changeWrites, flusher, sessionWrites, poisoned, warmer, changes);
        long interval = settings.flushInterval().toMillis();
        scheduler.scheduleWithFixedDelay(new Maintenance(tiers, flusher, drain, sessionWrites, warmer, metrics),
                interval, interval, TimeUnit.MILLISECONDS);
    }

    /**
     * @param stores     the tiers, at most one per {@link TierRole}
     * @param settings   write mode, journal bound, flush interval and deadlines
     * @param config     where each tier's {@link ResilienceConfig} is read
     * @param resilience settings by tier name that replace what {@code config} says
     * @param metrics    where calls, breakers and the journal are reported
     * @return the router; it owns the stores and closes them
     * @throws InvalidInputException when two tiers play one role
     */
    public static TieredRouter create(List<MemoryStore> stores, MnemoConfig settings, StoreConfig config,
                                      Map<String, ResilienceConfig> resilience, RouterMetrics metrics) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(daemon("mnemo-router"));
        try {
            Tiers tiers = Tiers.of(stores, store -> {
                ResilienceConfig guard = resilience.getOrDefault(store.name(), ResilienceConfig.from(config, store.name()));
                ResilientStore resilient = new ResilientStore(store, guard, scheduler, metrics);
                metrics.bindBreaker(resilient.breaker());
                return resilient;
            });
            TieredRouter router = new TieredRouter(tiers, settings, metrics, scheduler);
            metrics.bindHealth(router::health);
            LOG.info("Mnemo routing: {} ({}{})", tiers.describe(), settings.writeMode(),
                    tiers.journal != null ? ", journal in " + tiers.hot.name() : "");
            return router;
        } catch (RuntimeException e) {
            scheduler.shutdownNow();
            throw e;
        }
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public CompletionStage<Served<List<Message>>> messagesAfter(SessionRef ref, @Nullable UUID afterId, int limit) {
        return recordReads.messagesAfter(ref, afterId, limit);
    }

    @Override
    public CompletionStage<Served<List<Session>>> listSessions(String namespace, String userId, int limit) {
        return recordReads.listSessions(namespace, userId, limit);
    }

    @Override
    public <T> CompletionStage<Served<T>> read(Function<MemoryStore, CompletionStage<T>> read) {
        return reads.ofRecord(read);
    }

    @Override
    public <T> CompletionStage<Served<T>> readHot(SessionRef ref, Function<MemoryStore, CompletionStage<T>> read,
                                                  Predicate<T> miss) {
        return reads.hotFirst(ref, read, miss);
    }

    @Override
    public CompletionStage<Served<Window>> readWindow(SessionRef ref, int k, boolean withState) {
        return reads.window(ref, k, withState);
    }

    @Override
    public CompletionStage<Served<AppendOutcome>> append(SessionRef ref, List<Message> messages) {
        return writes.append(ref, messages);
    }

    @Override
    public CompletionStage<TurnAnswer> turn(SessionRef ref, List<Message> messages, int k, boolean withState) {
        return writes.turn(ref, messages, new Writes.WindowRead(k, withState)).thenCompose(appended -> {
            Window window = appended.window();
            if (window != null && Reads.complete(window, k)) {
                return CompletableFuture.completedFuture(new TurnAnswer(appended.outcome(),
                        new Served<>(window, tiers.hot.name(), false)));
            }
            // The hot tier did not take the turn, or holds less than the window: read it as a context read does.
            return reads.window(ref, k, withState).thenApply(read -> new TurnAnswer(appended.outcome(), read));
        });
    }

    @Override
    public <T> CompletionStage<Served<T>> write(SessionChange<T> change) {
        return changeWrites.write(change);
    }

    @Override
    public CompletionStage<Served<Boolean>> compareAndSetSummary(SessionRef ref, long expectedVersion, Summary summary) {
        MemoryStore record = tiers.recordOrder.get(0);
        return Stages.call(() -> record.compareAndSetSummary(ref, expectedVersion, summary)).thenApply(swapped -> {
            if (swapped) {
                Tiers.present(tiers.hot, tiers.fallback).stream().filter(mirror -> mirror != record)
                        .forEach(mirror -> Warmer.copySummary(mirror, ref, summary));
            }
            return new Served<>(swapped, record.name(), false);
        });
    }

    @Override
    public CompletionStage<Served<Boolean>> deleteSession(SessionRef ref) {
        return purges.session(ref);
    }

    @Override
    public CompletionStage<Served<Integer>> deleteUser(String namespace, String userId) {
        return purges.user(namespace, userId);
    }

    @Override
    public List<MemoryStore> tiers() {
        return tiers.recordOrder;
    }

    @Override
    public CompletionStage<List<DurableJournal.SessionBacklog>> journal(String namespace, int limit) {
        return tiers.journal == null ? CompletableFuture.completedFuture(List.of())
                : Stages.call(() -> tiers.journal.sessionsBehind(namespace, limit));
    }

    @Override
    public CompletionStage<Void> settlePurges() {
        return drain == null ? CompletableFuture.completedFuture(null) : drain.settlePurges();
    }

    @Override
    public CompletionStage<MnemoHealth> health() {
        return health.report().thenApply(report -> {
            metrics.reported(report);
            return report;
        });
    }

    /**
     * Sends what waits for the durable tier for at most {@link MnemoConfig#closeTimeout()} (not at
     * all while that tier is out and everything waiting is in the hot tier's journal), then closes
     * every tier, each within a few seconds. What is left stays in the hot tier's journal, where any
     * process finds it; what was held only here (no journal) is logged as lost.
     */
    @Override
    public void close() {
        try {
            if (flusher != null) {
                long deadline = System.nanoTime() + settings.closeTimeout().toNanos();
                if (Tiers.closed(tiers.durable)) {
                    flusher.resume();
                }
                // Done when nothing waits, or when the durable tier is out and all that waits is safe in the journal.
                flusher.awaitUntil(() -> (flusher.size() == 0 && sessionWrites.size() == 0)
                        || (flusher.isPaused() && !Tiers.closed(tiers.durable) && flusher.unjournaled() == 0), deadline);
                int left = flusher.size();
                int lost = flusher.unjournaled();
                if (left > lost) {
                    LOG.info("Mnemo closed with {} messages for the durable tier '{}' still in the hot tier's journal; "
                            + "any process using it flushes them", left - lost, tiers.durable.name());
                }
                if (lost > 0 || sessionWrites.size() > 0) {
                    // Only while no shared tier could journal them: the hot tier was out, or there is none.
                    LOG.error("Mnemo closed with {} messages and {} session writes that the durable tier '{}' never took "
                            + "and no shared tier journaled: they were not delivered", lost, sessionWrites.size(),
                            tiers.durable.name());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            scheduler.shutdownNow();
            sender.shutdownNow();
            tiers.recordOrder.forEach(MemoryStore::close);
        }
    }
}
