package dev.mnemo;

import dev.mnemo.context.Context;
import dev.mnemo.context.ContextPolicy;
import dev.mnemo.spi.support.Limits;
import dev.mnemo.spi.support.Deadline;
import dev.mnemo.internal.Listeners;
import dev.mnemo.internal.MessageWrites;
import dev.mnemo.internal.SessionCalls;
import dev.mnemo.internal.MicrometerRouterMetrics;
import dev.mnemo.internal.Router;
import dev.mnemo.internal.RouterMetrics;
import dev.mnemo.spi.support.KnownKeys;
import dev.mnemo.spi.support.Stages;
import dev.mnemo.internal.StoreDiscovery;
import dev.mnemo.internal.TempStates;
import dev.mnemo.internal.TieredRouter;
import dev.mnemo.reference.MapMemoryStore;
import dev.mnemo.spi.Capabilities;
import dev.mnemo.spi.DurableJournal;
import dev.mnemo.spi.MemoryStore;
import dev.mnemo.spi.SessionAccess;
import dev.mnemo.spi.SessionListener;
import dev.mnemo.spi.SessionRef;
import dev.mnemo.spi.StoreConfig;
import dev.mnemo.spi.Summarizer;
import dev.mnemo.spi.TokenCounter;
import dev.mnemo.summary.SummaryConfig;
import dev.mnemo.summary.SummaryStats;
import dev.mnemo.summary.internal.RollingSummaries;
import dev.mnemo.summary.internal.SummaryAccess;
import dev.mnemo.tokens.TokenCounters;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.jspecify.annotations.Nullable;

/**
 * Conversation memory: the entry point. A backend opens a session, appends its messages and
 * asks for the context to send to its LLM; Mnemo routes each call to its tiers.
 *
 * <p>Every method is asynchronous and reports failure by completing its stage exceptionally
 * with a {@link MnemoException}; {@link #blocking()} gives the same calls as plain methods. Every
 * call has a deadline, {@link MnemoConfig#callTimeout()} (5 s by default): past it the call fails
 * with {@link StoreTimeoutException}, whatever the tiers do, while a tier that does not answer within
 * its own, shorter time limit is skipped and the call answered degraded from another one.
 * Thread-safe; create one per process and {@link #close()} it on shutdown.
 *
 * <pre>{@code
 * try (Mnemo mnemo = Mnemo.create()) {           // tiers found with ServiceLoader
 *     BlockingMnemo memory = mnemo.blocking();
 *     SessionId id = SessionId.of("chat-42");
 *     memory.openSession(id, "user-7");
 *     memory.append(id, Message.user("What is the capital of France?"));
 *     Context context = memory.context(id, ContextPolicy.lastMessages(20));
 * }
 * }</pre>
 */
public final class Mnemo implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Mnemo.class);

    private final MnemoConfig settings;
    private final Router router;
    private final TokenCounter tokens;
    private final Clock clock;
    private final TempStates temporary = new TempStates();
    private final BlockingMnemo blocking;
    private final RollingSummaries summaries;
    private final Listeners listeners;
    private final Deadline deadline;
    private final MessageWrites messageWrites;
    private final SessionCalls sessions;

    private Mnemo(MnemoConfig settings, Router router, TokenCounter tokens, Clock clock,
                  Summarizer summarizer, SummaryConfig summaryConfig, List<SessionListener> listeners,
                  RouterMetrics metrics) {
        this.settings = settings;
        this.router = router;
        this.tokens = tokens;
        this.clock = clock;
        this.summaries = new RollingSummaries(summaryConfig, summarizer, new RoutedSummaries(), tokens);
        this.listeners = new Listeners(listeners);
        this.deadline = new Deadline(settings.callTimeout(), metrics::call);
        metrics.bindSummaries(summaries::stats);
        this.blocking = new BlockingMnemo(this, settings.callTimeout());
        this.messageWrites = new MessageWrites(settings, router, tokens, summaries, this.listeners, temporary);
        this.sessions = new SessionCalls(settings, router, temporary, this.listeners, summaries, summarizer != null, clock);
    }

    /**
     * @return a Mnemo configured from system properties and the environment, its tiers found
     *         with {@link java.util.ServiceLoader}
     * @throws InvalidInputException for bad configuration or when no tier is found
     */
    public static Mnemo create() {
        return builder().build();
    }

    /** @return a builder of a Mnemo */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A Mnemo that never touches a tier: sessions, messages, summaries and state live in a
     * private map of this instance and are gone when it is closed. For scratch or sub-agent
     * sessions and tests; see {@link Builder#ephemeral()} to add a summarizer or settings.
     *
     * @return the ephemeral Mnemo
     */
    public static Mnemo ephemeral() {
        return builder().ephemeral().build();
    }

    /** @return the same calls, blocking until each completes */
    public BlockingMnemo blocking() {
        return blocking;
    }

    /** @return the settings in force */
    public MnemoConfig settings() {
        return settings;
    }

    /** @return the counter every appended message is counted with */
    public TokenCounter tokenCounter() {
        return tokens;
    }

    /**
     * Opens a session: returns it when it exists, else creates it.
     *
     * @param id     the session id
     * @param userId the owner, or {@code null} for an anonymous session
     * @return the session; fails with {@link ConflictException} when it belongs to another user
     */
    public CompletionStage<Session> openSession(SessionId id, @Nullable String userId) {
        return openSession(id, userId, Map.of());
    }

    /**
     * Opens a session with metadata given at creation (ignored when the session exists).
     *
     * @see #openSession(SessionId, String)
     */
    public CompletionStage<Session> openSession(SessionId id, @Nullable String userId, Map<String, Object> metadata) {
        return deadline.bound("openSession", () -> sessions.open(ref(id), userId, metadata));
    }

    /**
     * Reads the session from the hot tier, or the durable tier when the hot tier lacks it.
     *
     * @return the session, or empty when it does not exist or has expired, with the tier that answered
     */
    public CompletionStage<Served<Optional<Session>>> getSession(SessionId id) {
        return deadline.bound("getSession", () -> {
            SessionRef ref = ref(id);
            return router.readHot(ref, tier -> tier.getSession(ref), Optional::isEmpty);
        });
    }

    /**
     * @param userId the user
     * @param limit  the most sessions to return, at least 1
     * @return the user's sessions in this namespace, most recently active first, read from the
     *         tier of record and the hot tier (which has the sessions the durable tier has not taken yet)
     */
    public CompletionStage<Served<List<Session>>> listSessions(String userId, int limit) {
        return deadline.bound("listSessions", () -> {
            SessionRef.checkUserId(userId);
            Limits.requirePositive("limit", limit);
            return router.listSessions(settings.namespace(), userId, limit);
        });
    }

    /** @see #append(SessionId, List) */
    public CompletionStage<AppendResult> append(SessionId id, Message... messages) {
        return append(id, Arrays.asList(messages));
    }

    /**
     * Appends messages to an open session. Each is counted once, now, unless it carries a count;
     * a message whose id is already stored is skipped, so a retried append stores nothing twice.
     *
     * @return what was stored; fails with {@link InvalidInputException} for a message over
     *         {@link MnemoConfig#maxContentBytes()} (content, tool-call arguments and metadata), text with an
     *         unpaired UTF-16 surrogate or metadata that is not JSON (nothing is stored then),
     *         {@link SessionNotFoundException} when the session is not open
     */
    public CompletionStage<AppendResult> append(SessionId id, List<Message> messages) {
        return deadline.bound("append", () -> messageWrites.append(ref(id), messages));
    }

    /**
     * A chatbot turn: appends the turn's new messages (the user's message, or a tool result) as
     * {@link #append} does, and returns the context for the LLM afterwards, as {@link #context} does,
     * in one round trip to the hot tier for a warm session. The same guarantees as the two calls: ids,
     * idempotency, the journal, the write mode's acknowledgement and its degraded flag.
     *
     * @param policy what the context holds
     * @return what was stored and the context, which holds the turn's messages; fails as
     *         {@link #append} does
     */
    public CompletionStage<TurnResult> turn(SessionId id, List<Message> messages, ContextPolicy policy) {
        return deadline.bound("turn", () -> messageWrites.turn(ref(id), messages, policy));
    }

    /**
     * @param limit how many, at least 1
     * @return the session's last {@code limit} messages, oldest first, read as a context is
     */
    public CompletionStage<Served<List<Message>>> history(SessionId id, int limit) {
        return deadline.bound("history", () -> {
            Limits.requirePositive("limit", limit);
            return router.readWindow(ref(id), limit, false).thenApply(served -> served.with(served.value().messages()));
        });
    }

    /**
     * Pages through the whole transcript.
     *
     * @param afterId the last id of the previous page, or {@code null} for the first page
     * @param limit   the page size, at least 1
     * @return up to {@code limit} messages after {@code afterId}, oldest first, read from the tier
     *         of record (the durable tier holds the whole transcript), with the messages still on their
     *         way to it merged in
     */
    public CompletionStage<Served<List<Message>>> messagesAfter(SessionId id, @Nullable UUID afterId, int limit) {
        return deadline.bound("messagesAfter", () -> {
            Limits.requirePositive("limit", limit);
            return router.messagesAfter(ref(id), afterId, limit);
        });
    }

    /**
     * The context to send to the LLM. It reads the policy's {@link ContextPolicy#readLimit()}
     * latest messages with the summary, the counters and, when the policy needs it, the state (the
     * pinned system prompt, pending tool calls) in one window read: one round trip to the hot tier
     * for a warm session, O(k) in the window whatever the transcript's length.
     *
     * @return the system prompt, summary and messages the policy chose, with their token totals
     */
    public CompletionStage<Context> context(SessionId id, ContextPolicy policy) {
        return deadline.bound("context", () -> {
            SessionRef ref = ref(id);
            Objects.requireNonNull(policy, "policy");
            return router.readWindow(ref, policy.readLimit(), policy.needsState())
                    .thenApply(served -> messageWrites.context(ref, policy, served));
        });
    }

    /** @return the session's rolling summary, if it has one, read from the hot tier first */
    public CompletionStage<Served<Optional<Summary>>> summary(SessionId id) {
        return deadline.bound("summary", () -> {
            SessionRef ref = ref(id);
            return router.readHot(ref, tier -> tier.getSummary(ref), summary -> false);
        });
    }

    /**
     * Runs the summarizer for the session now, whatever the triggers: the messages after the
     * current summary, except the kept recent ones, are folded into a new summary.
     *
     * @return the summary afterwards; fails with {@link MnemoException} when no summarizer is set
     */
    public CompletionStage<Optional<Summary>> summarize(SessionId id) {
        return deadline.bound("summarize", () -> summaries.summarizeNow(ref(id)));
    }

    /** @return what the rolling summaries have done since this Mnemo was built */
    public SummaryStats summaryStats() {
        return summaries.stats();
    }

    /**
     * Reads the session's state from the hot tier first.
     *
     * @return its own keys, the user's {@code user:} keys, the namespace's {@code app:} keys and this
     *         process's {@code temp:} keys, with the tier that answered
     */
    public CompletionStage<Served<State>> state(SessionId id) {
        return deadline.bound("state", () -> {
            SessionRef ref = ref(id);
            return router.readHot(ref, tier -> tier.getState(ref), state -> false)
                    .thenApply(served -> served.with(temporary.overlay(ref, served.value())));
        });
    }

    /**
     * Applies a state delta: {@code temp:} keys stay in this process, the others go to the tiers.
     *
     * @return completes when the tiers have taken the delta
     */
    public CompletionStage<Void> updateState(SessionId id, StateDelta delta) {
        return deadline.bound("updateState", () -> sessions.updateState(ref(id), delta));
    }

    /**
     * Ends a session with reason {@value SessionEnd#COMPLETED}.
     *
     * @see #endSession(SessionId, String, String)
     */
    public CompletionStage<Boolean> endSession(SessionId id) {
        return endSession(id, SessionEnd.COMPLETED, null);
    }

    /**
     * Ends a session: it takes no more messages (an append is a {@link ConflictException}) until it
     * is opened again, and its {@code temp:} state is dropped. With a summarizer, a final summary is
     * made first (a failure is logged; the session ends anyway). The end is claimed atomically, so of
     * concurrent calls, from any process, exactly one gets {@code true}; the
     * {@link SessionListener}s hear of it from that one only. {@link Session#end()} reads the reason
     * and who ended it back from every tier.
     *
     * @param reason   why, such as {@value SessionEnd#COMPLETED} or {@value SessionEnd#IDLE}; 1 to 256 characters
     * @param endedBy  who ended it (an agent or user id), or {@code null}
     * @return {@code true} when this call ended it, {@code false} when it had already ended
     */
    public CompletionStage<Boolean> endSession(SessionId id, String reason, @Nullable String endedBy) {
        return deadline.bound("endSession", () -> sessions.end(ref(id), new SessionEnd(reason, endedBy)));
    }

    /**
     * Changes the session's metadata by key, in every tier.
     *
     * @param changes the keys to set, each value JSON-compatible; a {@code null} value removes its key
     * @return completes when the tiers have taken it; fails with {@link SessionNotFoundException} when
     *         the session does not exist, {@link InvalidInputException} for a value that is not JSON
     */
    public CompletionStage<Void> updateMetadata(SessionId id, Map<String, ? extends @Nullable Object> changes) {
        return deadline.bound("updateMetadata", () -> sessions.updateMetadata(ref(id), changes));
    }

    /**
     * Purges a session from every tier: messages, summary and state.
     *
     * @return {@code true} when it existed
     */
    public CompletionStage<Boolean> deleteSession(SessionId id) {
        return deadline.bound("deleteSession", () -> sessions.delete(ref(id)));
    }

    /**
     * Purges every session of a user in this namespace, and the user's {@code user:} state.
     *
     * @return how many sessions were deleted
     */
    public CompletionStage<Integer> deleteUser(String userId) {
        return deadline.bound("deleteUser", () -> sessions.deleteUser(userId));
    }

    /**
     * For operators: the sessions whose writes the durable tier has not taken yet, as the shared
     * journal holds them (empty without one: see {@link MnemoHealth.JournalHealth} for what waits in
     * this process).
     *
     * @param limit the most sessions, at least 1
     * @return the sessions, the one whose lease runs out first first, each with its pending,
     *         poisoned and change entries and the age of its oldest message
     */
    public CompletionStage<List<DurableJournal.SessionBacklog>> journal(int limit) {
        return deadline.bound("journal", () -> {
            Limits.requirePositive("limit", limit);
            return router.journal(settings.namespace(), limit);
        });
    }

    /**
     * @return exports and imports of a user's or a session's whole data as JSON Lines, for data-access
     *         and portability requests and for moving data between deployments
     */
    public DataTransfer transfer() {
        return new DataTransfer(router, settings.namespace(), settings.callTimeout(), clock);
    }

    /**
     * @return the status of the whole ({@link MnemoHealth.Status}: UP, DEGRADED, AT_RISK or DOWN),
     *         each tier's check and breaker, and what waits for the durable tier
     */
    public CompletionStage<MnemoHealth> health() {
        return deadline.bound("health", router::health);
    }

    /** Closes the listeners, flushes what is pending and closes every tier. */
    @Override
    public void close() {
        listeners.close();
        summaries.close();
        temporary.clear();
        router.close();
    }

    /** What listeners may do with this Mnemo: the narrow view they get instead of the facade. */
    private final class ListenerAccess implements SessionAccess {
        @Override
        public String namespace() {
            return settings.namespace();
        }

        @Override
        public CompletionStage<Optional<Session>> getSession(SessionId id) {
            return Mnemo.this.getSession(id).thenApply(Served::value);
        }

        @Override
        public CompletionStage<List<Message>> history(SessionId id, int limit) {
            return Mnemo.this.history(id, limit).thenApply(Served::value);
        }

        @Override
        public CompletionStage<Boolean> endSession(SessionId id, SessionEnd end) {
            return Mnemo.this.endSession(id, end.reason(), end.endedBy());
        }

        @Override
        public List<MemoryStore> tiers() {
            return router.tiers();
        }
    }

    /** What the rolling summaries read and write, through this Mnemo's routing. */
    private final class RoutedSummaries implements SummaryAccess {
        @Override
        public CompletionStage<Optional<Summary>> summary(SessionRef ref) {
            return Mnemo.this.summary(ref.id()).thenApply(Served::value);
        }

        @Override
        public CompletionStage<List<Message>> lastMessages(SessionRef ref, int k) {
            return history(ref.id(), k).thenApply(Served::value);
        }

        @Override
        public CompletionStage<List<Message>> messagesAfter(SessionRef ref, UUID afterId, int limit) {
            return Mnemo.this.messagesAfter(ref.id(), afterId, limit).thenApply(Served::value);
        }

        @Override
        public CompletionStage<Boolean> compareAndSetSummary(SessionRef ref, long expectedVersion, Summary summary) {
            return Stages.call(() -> router.compareAndSetSummary(ref, expectedVersion, summary).thenApply(Served::value));
        }
    }

    private SessionRef ref(SessionId id) {
        return new SessionRef(settings.namespace(), Objects.requireNonNull(id, "session id"));
    }

    /** Builds a {@link Mnemo}; every setter is optional. */
    public static final class Builder {
        private StoreConfig config = StoreConfig.environment();
        private MnemoConfig settings;
        private List<MemoryStore> tiers;
        private TokenCounter tokenCounter;
        private Clock clock = Clock.systemUTC();
        private Summarizer summarizer;
        private SummaryConfig summaryConfig;
        private RouterMetrics metrics = RouterMetrics.NONE;
        private final List<SessionListener> listeners = new ArrayList<>();
        private final Map<String, ResilienceConfig> resilience = new java.util.HashMap<>();

        private Builder() {
        }

        /**
         * @param listener told of each session's creation, appends, end and purge, such as the
         *                 analytics of {@code mnemo-analytics}; attached when the Mnemo is built and
         *                 closed with it. May be called several times; none by default
         * @return this builder
         */
        public Builder listener(SessionListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Reports the latency of every call, per operation and per tier, breaker states, degraded answers,
         * the journal (its depth, oldest entry and poisoned writes), the status and the rolling summaries to
         * Micrometer (an optional dependency: add micrometer-core to use it). The README's Metrics table
         * names each meter and its tags.
         *
         * @param registry where the meters go
         * @return this builder
         */
        public Builder meterRegistry(io.micrometer.core.instrument.MeterRegistry registry) {
            this.metrics = new MicrometerRouterMetrics(Objects.requireNonNull(registry, "registry"));
            return this;
        }

        /**
         * @param tier   a tier's name, such as {@code redis}
         * @param config how that tier is guarded, instead of what {@code mnemo.resilience.*} and
         *               {@code mnemo.<tier>.resilience.*} say; applies when there are several tiers
         * @return this builder
         */
        public Builder resilience(String tier, ResilienceConfig config) {
            resilience.put(Objects.requireNonNull(tier, "tier"), Objects.requireNonNull(config, "config"));
            return this;
        }

        /**
         * @param config where settings and each tier's keys are read; default: system properties, then the environment
         * @return this builder
         */
        public Builder config(StoreConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /** @param settings the settings, instead of reading them from the config; @return this builder */
        public Builder settings(MnemoConfig settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /**
         * @param tiers the tiers in routing order, instead of finding them with ServiceLoader;
         *              the Mnemo closes them when it is closed
         * @return this builder
         */
        public Builder tiers(MemoryStore... tiers) {
            this.tiers = List.of(tiers);
            return this;
        }

        /** @param tokenCounter the counter, instead of the JTokkit one of the settings' model; @return this builder */
        public Builder tokenCounter(TokenCounter tokenCounter) {
            this.tokenCounter = Objects.requireNonNull(tokenCounter, "tokenCounter");
            return this;
        }

        /** @param clock the clock of session timestamps, default UTC system time; @return this builder */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * @param summarizer writes the rolling summaries, run off the append path on an executor
         *                   this Mnemo owns and shuts down on close; default none: no summaries
         * @return this builder
         */
        public Builder summarizer(Summarizer summarizer) {
            this.summarizer = Objects.requireNonNull(summarizer, "summarizer");
            return this;
        }

        /**
         * @param summaryConfig when summaries run, instead of reading {@code mnemo.summary.*} from the config
         * @return this builder
         */
        public Builder summaryConfig(SummaryConfig summaryConfig) {
            this.summaryConfig = Objects.requireNonNull(summaryConfig, "summaryConfig");
            return this;
        }

        /**
         * Makes the Mnemo ephemeral: its only tier is a private in-process map (named
         * {@code ephemeral}, unbounded, no expiry), no tier is discovered and nothing is written
         * anywhere else; everything is gone on close. Replaces {@link #tiers(MemoryStore...)}.
         *
         * @return this builder
         */
        public Builder ephemeral() {
            this.tiers = List.of(new MapMemoryStore("ephemeral", new Capabilities(false, false, 0, null),
                    new ConcurrentHashMap<>(), new ConcurrentHashMap<>(), Clock.systemUTC()));
            return this;
        }

        /** The summary settings: as given, else read from the config when a summarizer will use them. */
        private SummaryConfig resolveSummaryConfig() {
            if (summaryConfig != null) {
                return summaryConfig;
            }
            return summarizer == null ? SummaryConfig.ofDefaults() : SummaryConfig.from(config);
        }

        /**
         * @return the Mnemo
         * @throws InvalidInputException for bad configuration (every key below {@code mnemo.} that no
         *         module on the class path declares, and every bad value, at once), or when no tier is found
         */
        public Mnemo build() {
            KnownKeys.discover(Thread.currentThread().getContextClassLoader()).validate(config);
            MnemoConfig resolved = settings != null ? settings : MnemoConfig.from(config);
            List<MemoryStore> stores = tiers != null ? tiers
                    : StoreDiscovery.discover(resolved.tiers(), config, Thread.currentThread().getContextClassLoader());
            TokenCounter counter = tokenCounter != null ? tokenCounter : TokenCounters.forModel(resolved.tokenModel());
            Router router;
            try {
                router = TieredRouter.create(stores, resolved, config, Map.copyOf(resilience), metrics);
            } catch (RuntimeException e) {
                stores.forEach(MemoryStore::close);
                throw e;
            }
            Mnemo mnemo = new Mnemo(resolved, router, counter, clock, summarizer, resolveSummaryConfig(), listeners,
                    metrics);
            try {
                SessionAccess access = mnemo.new ListenerAccess();
                listeners.forEach(listener -> listener.attach(access));
            } catch (RuntimeException e) {
                mnemo.close();
                throw e;
            }
            return mnemo;
        }
    }
}
