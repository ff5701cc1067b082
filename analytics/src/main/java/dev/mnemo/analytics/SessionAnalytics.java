package dev.mnemo.analytics;

import dev.mnemo.AppendResult;
import dev.mnemo.InvalidInputException;
import dev.mnemo.Session;
import dev.mnemo.SessionId;
import dev.mnemo.analytics.internal.Counters;
import dev.mnemo.analytics.internal.Flusher;
import dev.mnemo.analytics.internal.LocalAnalyticsBuffer;
import dev.mnemo.analytics.internal.Recorder;
import dev.mnemo.analytics.internal.SinkDiscovery;
import dev.mnemo.analytics.internal.Sweep;
import dev.mnemo.spi.support.Stages;
import dev.mnemo.spi.AnalyticsBatch;
import dev.mnemo.spi.AnalyticsBuffer;
import dev.mnemo.spi.AnalyticsBuffers;
import dev.mnemo.spi.AnalyticsSink;
import dev.mnemo.spi.AnswerRecord;
import dev.mnemo.spi.Capabilities;
import dev.mnemo.spi.MemoryStore;
import dev.mnemo.spi.SessionListener;
import dev.mnemo.spi.SessionAccess;
import dev.mnemo.spi.SessionRef;
import dev.mnemo.spi.StoreConfig;
import dev.mnemo.spi.support.KnownKeys;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Session analytics: each answer's metadata is buffered while its session lives, and written to an
 * {@link AnalyticsSink} in one batch when the session ends: the session's record, the user's
 * activity stats and recent sessions, and the usage of each knowledge-base entry its answers cited.
 *
 * <pre>{@code
 * SessionAnalytics analytics = SessionAnalytics.create();   // sink found by ServiceLoader
 * try (Mnemo mnemo = Mnemo.builder().listener(analytics).build()) {
 *     mnemo.blocking().append(id, Message.user("What is your return policy?"),
 *             Message.builder(Role.ASSISTANT).content("You may return ...")
 *                     .metadata(Map.of("confidence", 0.93, "sources", List.of("kb-returns"),
 *                             "latency", Map.of("llm", 812))).build());
 *     mnemo.blocking().endSession(id);               // one batch, written once
 * }
 * }</pre>
 *
 * <p>Answers are taken from appended messages (see {@link AnswerMetadata} for the keys), or given
 * with {@link #record}. They are buffered in the hot tier when it offers a buffer (Redis), so any
 * process may end the session and a crash loses nothing; otherwise in this process's memory.
 *
 * <p>Exactly once: the end is claimed atomically by {@link dev.mnemo.Mnemo#endSession}, so one process starts
 * the batch; it holds the session in the buffer's schedule while it writes, retries a failed write
 * with backoff, and should it die, a sweep of another process takes over when its lease ends. Sinks
 * are idempotent by {@link AnalyticsBatch#id()}, so a repeated write counts nothing twice. Sessions
 * that idle past the {@linkplain AnalyticsConfig#idleTimeout() idle timeout} are ended by the sweep
 * and written as {@link AnalyticsBatch.Reason#EXPIRED}, so TTL never loses analytics.
 *
 * <p>Analytics never fail the caller: every failure is logged and counted in {@link #stats()}.
 * One instance serves one Mnemo, which closes it; it owns its sink and closes it too.
 */
public final class SessionAnalytics implements SessionListener {

    private static final Logger LOG = LoggerFactory.getLogger(SessionAnalytics.class);

    private final AnalyticsConfig config;
    private final AnalyticsSink sink;
    private final Clock clock;
    private final Counters counters = new Counters();
    private volatile Attached attached;

    private SessionAnalytics(AnalyticsConfig config, AnalyticsSink sink, Clock clock) {
        this.config = config;
        this.sink = sink;
        this.clock = clock;
    }

    /** @return analytics configured from system properties and the environment, their sink found by ServiceLoader */
    public static SessionAnalytics create() {
        return builder().build();
    }

    /** @return a builder of analytics */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the settings in force */
    public AnalyticsConfig settings() {
        return config;
    }

    /** @return the sink batches go to */
    public AnalyticsSink sink() {
        return sink;
    }

    /** @return what the analytics have done in this process */
    public AnalyticsStats stats() {
        return counters.snapshot();
    }

    /**
     * Buffers an answer's analytics given directly, instead of in an appended message's metadata.
     * Idempotent by the record's message id.
     *
     * @return completes when buffered; never fails (a failure is logged and counted)
     */
    public CompletionStage<Void> record(SessionId id, AnswerRecord answer) {
        Objects.requireNonNull(answer, "answer");
        return guarded("record", () -> required().recorder.add(ref(id), answer));
    }

    /**
     * Runs a sweep now, as the periodic one does: ends sessions idle past the timeout and writes
     * every due batch.
     *
     * @return how many due sessions it took; never fails
     */
    public CompletionStage<Integer> sweep() {
        return required().sweep.run();
    }

    @Override
    public void attach(SessionAccess access) {
        List<MemoryStore> tiers = access.tiers();
        synchronized (this) {
            if (attached != null) {
                throw new InvalidInputException("A SessionAnalytics serves one Mnemo; build another for this one");
            }
            AnalyticsBuffer buffer = null;
            String holder = "this process";
            for (MemoryStore tier : sharedHotFirst(tiers)) {
                Optional<AnalyticsBuffer> offered = tier.capability(AnalyticsBuffers.class)
                        .map(buffers -> buffers.analyticsBuffer(config.retention()));
                if (offered.isPresent()) {
                    buffer = offered.get();
                    holder = "tier '" + tier.name() + "'";
                    break;
                }
            }
            buffer = buffer != null ? buffer : new LocalAnalyticsBuffer(clock, config.retention());
            Duration idle = !config.idleTimeout().isZero() ? config.idleTimeout() : tiers.stream()
                    .map(MemoryStore::capabilities).map(Capabilities::ttl).filter(Objects::nonNull)
                    .min(Comparator.naturalOrder()).orElse(AnalyticsConfig.FALLBACK_IDLE_TIMEOUT);
            ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "mnemo-analytics");
                thread.setDaemon(true);
                return thread;
            });
            Flusher flusher = new Flusher(access, buffer, sink, config, clock, counters, scheduler);
            Sweep sweep = new Sweep(access, buffer, flusher, config, idle, clock);
            Recorder recorder = new Recorder(access, buffer, idle, config.maxQueryChars(), clock, counters);
            attached = new Attached(access, buffer, recorder, flusher, sweep, scheduler);
            long interval = config.sweepInterval().toMillis();
            scheduler.scheduleWithFixedDelay(sweep::run, interval, interval, TimeUnit.MILLISECONDS);
            LOG.info("Mnemo analytics: buffer in {}, sink '{}', idle timeout {}", holder, sink.name(), idle);
        }
    }

    @Override
    public CompletionStage<Void> created(Session session) {
        return guarded("created", () -> required().recorder.created(session));
    }

    @Override
    public CompletionStage<Void> appended(SessionRef ref, AppendResult result) {
        return guarded("appended", () -> required().recorder.appended(ref, result));
    }

    @Override
    public CompletionStage<Void> ended(SessionRef ref) {
        return guarded("ended", () -> {
            Attached on = required();
            Instant lastActive = on.sweep.expiring(ref);
            return on.flusher.start(ref, lastActive == null ? AnalyticsBatch.Reason.ENDED : AnalyticsBatch.Reason.EXPIRED,
                    lastActive);
        });
    }

    @Override
    public CompletionStage<Void> deleted(SessionRef ref) {
        return purge("deleted", () -> required().buffer.remove(ref), () -> sink.deleteSession(ref));
    }

    @Override
    public CompletionStage<Void> userDeleted(String namespace, String userId) {
        return purge("userDeleted", () -> required().buffer.forgetUser(namespace, userId, clock.instant()),
                () -> sink.deleteUser(namespace, userId));
    }

    /** Stops the sweep, waits a few seconds for batch writes in flight, and closes the sink. */
    @Override
    public void close() {
        Attached on = attached;
        if (on != null) {
            on.scheduler.shutdownNow();
            on.flusher.close();
        }
        try {
            sink.close();
        } catch (RuntimeException e) {
            LOG.warn("Analytics sink '{}' failed to close", sink.name(), e);
        }
    }

    /** The tiers every process sees, the hot one (not durable) first: the buffer should be in one of them. */
    private static List<MemoryStore> sharedHotFirst(List<MemoryStore> tiers) {
        return tiers.stream().filter(tier -> tier.capabilities().shared())
                .sorted(Comparator.comparing(tier -> tier.capabilities().durable())).toList();
    }

    private CompletionStage<Void> purge(String event, Supplier<CompletionStage<Void>> buffer,
                                        Supplier<CompletionStage<Void>> sinkPurge) {
        CompletableFuture<Void> fromBuffer = guarded(event, buffer).toCompletableFuture();
        CompletableFuture<Void> fromSink = Stages.call(sinkPurge::get).toCompletableFuture()
                .orTimeout(config.sinkTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .exceptionally(error -> {
                    counters.purgeFailed();
                    LOG.error("Analytics sink '{}' failed to purge on '{}'; purge it again: {}", sink.name(), event,
                            Stages.unwrap(error).toString());
                    return null;
                });
        return CompletableFuture.allOf(fromBuffer, fromSink);
    }

    /** Runs a buffer call; a failure is logged and counted, never passed on. */
    private CompletionStage<Void> guarded(String event, Supplier<CompletionStage<Void>> call) {
        return Stages.call(call::get).handle((done, error) -> {
            if (error != null) {
                counters.bufferFailed();
                // A side channel: the conversation's messages are stored whatever happens here.
                LOG.warn("Analytics of '{}' not buffered, counted in stats().bufferFailures(): {}", event,
                        Stages.unwrap(error).toString());
            }
            return null;
        });
    }

    private Attached required() {
        Attached on = attached;
        if (on == null) {
            throw new IllegalStateException("SessionAnalytics is not attached: pass it to Mnemo.builder().listener(...)");
        }
        return on;
    }

    private SessionRef ref(SessionId id) {
        return new SessionRef(required().access.namespace(), Objects.requireNonNull(id, "session id"));
    }

    private record Attached(SessionAccess access, AnalyticsBuffer buffer, Recorder recorder, Flusher flusher, Sweep sweep,
                            ScheduledExecutorService scheduler) {
    }

    /** Builds a {@link SessionAnalytics}; every setter is optional. */
    public static final class Builder {
        private StoreConfig config = StoreConfig.environment();
        private AnalyticsConfig settings;
        private AnalyticsSink sink;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /**
         * @param config where {@code mnemo.analytics.*} and the sink's keys are read; default: system
         *               properties, then the environment
         * @return this builder
         */
        public Builder config(StoreConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /** @param settings the settings, instead of reading them from the config; @return this builder */
        public Builder settings(AnalyticsConfig settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** @param sink where batches go, instead of the one ServiceLoader finds; @return this builder */
        public Builder sink(AnalyticsSink sink) {
            this.sink = Objects.requireNonNull(sink, "sink");
            return this;
        }

        /** @param clock the clock of schedules and idle deadlines, default UTC system time; @return this builder */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * @return the analytics, to register with {@code Mnemo.builder().listener(...)}
         * @throws InvalidInputException for bad configuration (every key below {@code mnemo.} that no
         *         module on the class path declares, and every bad value, at once), or when no sink is found
         */
        public SessionAnalytics build() {
            if (settings == null || sink == null) {
                KnownKeys.discover(Thread.currentThread().getContextClassLoader()).validate(config);
            }
            AnalyticsConfig resolved = settings != null ? settings : AnalyticsConfig.from(config);
            AnalyticsSink chosen = sink != null ? sink
                    : SinkDiscovery.discover(resolved.sink(), config, Thread.currentThread().getContextClassLoader());
            return new SessionAnalytics(resolved, chosen, clock);
        }
    }
}
