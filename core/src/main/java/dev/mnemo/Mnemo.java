package dev.mnemo;

import dev.mnemo.context.Context;
import dev.mnemo.context.ContextPolicy;
import dev.mnemo.internal.MessageWrites;
import dev.mnemo.internal.MicrometerRouterMetrics;
import dev.mnemo.internal.MnemoAssembly;
import dev.mnemo.internal.RouterMetrics;
import dev.mnemo.internal.SessionCalls;
import dev.mnemo.internal.SessionReads;
import dev.mnemo.reference.MapMemoryStore;
import dev.mnemo.spi.Capabilities;
import dev.mnemo.spi.DurableJournal;
import dev.mnemo.spi.MemoryStore;
import dev.mnemo.spi.SessionListener;
import dev.mnemo.spi.StoreConfig;
import dev.mnemo.spi.Summarizer;
import dev.mnemo.spi.TokenCounter;
import dev.mnemo.spi.support.Limits;
import dev.mnemo.summary.SummaryConfig;
import dev.mnemo.summary.SummaryStats;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
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

    private final MnemoAssembly parts;
    private final SessionReads reads;
    private final MessageWrites messageWrites;
    private final SessionCalls sessions;
    private final BlockingMnemo blocking;

    private Mnemo(MnemoAssembly parts) {
        this.parts = parts;
        this.reads = parts.reads();
        this.messageWrites = parts.messageWrites();
        this.sessions = parts.sessions();
        this.blocking = new BlockingMnemo(this, parts.settings().callTimeout());
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
        return parts.settings();
    }

    /** @return the counter every appended message is counted with */
    public TokenCounter tokenCounter() {
        return parts.tokens();
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
        return sessions.open(id, userId, metadata);
    }

    /**
     * Reads the session from the hot tier, or the durable tier when the hot tier lacks it.
     *
     * @return the session, or empty when it does not exist or has expired, with the tier that answered
     */
    public CompletionStage<Served<Optional<Session>>> getSession(SessionId id) {
        return reads.session(id);
    }

    /**
     * @param userId the user
     * @param limit  the most sessions to return, at least 1
     * @return the user's sessions in this namespace, most recently active first, read from the
     *         tier of record and the hot tier (which has the sessions the durable tier has not taken yet)
     */
    public CompletionStage<Served<List<Session>>> listSessions(String userId, int limit) {
        return reads.sessions(userId, limit);
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
        return messageWrites.append(id, messages);
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
        return messageWrites.turn(id, messages, policy);
    }

    /**
     * @param limit how many, at least 1
     * @return the session's last {@code limit} messages, oldest first, read as a context is
     */
    public CompletionStage<Served<List<Message>>> history(SessionId id, int limit) {
        return reads.history(id, limit);
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
        return reads.messagesAfter(id, afterId, limit);
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
        return reads.context(id, policy);
    }

    /** @return the session's rolling summary, if it has one, read from the hot tier first */
    public CompletionStage<Served<Optional<Summary>>> summary(SessionId id) {
        return reads.summary(id);
    }

    /**
     * Runs the summarizer for the session now, whatever the triggers: the messages after the
     * current summary, except the kept recent ones, are folded into a new summary.
     *
     * @return the summary afterwards; fails with {@link MnemoException} when no summarizer is set
     */
    public CompletionStage<Optional<Summary>> summarize(SessionId id) {
        return parts.calls().bound("summarize", id, parts.summaries()::summarizeNow);
    }

    /** @return what the rolling summaries have done since this Mnemo was built */
    public SummaryStats summaryStats() {
        return parts.summaries().stats();
    }

    /**
     * Reads the session's state from the hot tier first.
     *
     * @return its own keys, the user's {@code user:} keys, the namespace's {@code app:} keys and this
     *         process's {@code temp:} keys, with the tier that answered
     */
    public CompletionStage<Served<State>> state(SessionId id) {
        return reads.state(id);
    }

    /**
     * Applies a state delta: {@code temp:} keys stay in this process, the others go to the tiers.
     *
     * @return completes when the tiers have taken the delta
     */
    public CompletionStage<Void> updateState(SessionId id, StateDelta delta) {
        return sessions.updateState(id, delta);
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
        return sessions.end(id, reason, endedBy);
    }

    /**
     * Changes the session's metadata by key, in every tier.
     *
     * @param changes the keys to set, each value JSON-compatible; a {@code null} value removes its key
     * @return completes when the tiers have taken it; fails with {@link SessionNotFoundException} when
     *         the session does not exist, {@link InvalidInputException} for a value that is not JSON
     */
    public CompletionStage<Void> updateMetadata(SessionId id, Map<String, ? extends @Nullable Object> changes) {
        return sessions.updateMetadata(id, changes);
    }

    /**
     * Purges a session from every tier: messages, summary and state.
     *
     * @return {@code true} when it existed
     */
    public CompletionStage<Boolean> deleteSession(SessionId id) {
        return sessions.delete(id);
    }

    /**
     * Purges every session of a user in this namespace, and the user's {@code user:} state.
     *
     * @return how many sessions were deleted
     */
    public CompletionStage<Integer> deleteUser(String userId) {
        return sessions.deleteUser(userId);
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
        return parts.calls().bound("journal", () -> {
            Limits.requirePositive("limit", limit);
            return parts.router().journal(parts.settings().namespace(), limit);
        });
    }

    /**
     * @return exports and imports of a user's or a session's whole data as JSON Lines, for data-access
     *         and portability requests and for moving data between deployments
     */
    public DataTransfer transfer() {
        MnemoConfig settings = parts.settings();
        return new DataTransfer(parts.router(), settings.namespace(), settings.callTimeout(), parts.clock());
    }

    /**
     * @return the status of the whole ({@link MnemoHealth.Status}: UP, DEGRADED, AT_RISK or DOWN),
     *         each tier's check and breaker, and what waits for the durable tier
     */
    public CompletionStage<MnemoHealth> health() {
        return parts.calls().bound("health", parts.router()::health);
    }

    /** Closes the listeners, flushes what is pending and closes every tier. */
    @Override
    public void close() {
        parts.close();
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
        private final Map<String, ResilienceConfig> resilience = new HashMap<>();

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

        /**
         * @return the Mnemo
         * @throws InvalidInputException for bad configuration (every key below {@code mnemo.} that no
         *         module on the class path declares, and every bad value, at once), or when no tier is found
         */
        public Mnemo build() {
            return new Mnemo(MnemoAssembly.assemble(config, settings, tiers, tokenCounter, clock, summarizer,
                    summaryConfig, listeners, resilience, metrics));
        }
    }
}
