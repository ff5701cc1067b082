package dev.mnemo.adk;

import com.google.adk.events.Event;
import com.google.adk.sessions.BaseSessionService;
import com.google.adk.sessions.GetSessionConfig;
import com.google.adk.sessions.ListEventsResponse;
import com.google.adk.sessions.ListSessionsResponse;
import com.google.adk.sessions.Session;
import com.google.adk.sessions.SessionException;
import dev.mnemo.Mnemo;
import dev.mnemo.spi.support.Deadline;
import dev.mnemo.spi.support.Limits;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Maybe;
import io.reactivex.rxjava3.core.Single;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;

/**
 * An ADK {@link BaseSessionService} backed by Mnemo: sessions, events and state live in Mnemo's
 * tiers (Redis, Firestore, memory), so a session survives the process and any instance of the
 * agent serves it.
 *
 * <pre>{@code
 * Mnemo mnemo = Mnemo.create();
 * Runner runner = Runner.builder().agent(agent).appName("weather").artifactService(new InMemoryArtifactService())
 *         .sessionService(MnemoSessionService.create(mnemo)).build();
 * }</pre>
 *
 * <ul>
 *   <li><b>Events</b>: one Mnemo message each, appended with the event's state delta applied to
 *       Mnemo's state, in parallel; see {@link EventMapping}. A partial event is not stored, as with
 *       ADK's own services. The same event appended again (a retry) is stored once.</li>
 *   <li><b>State</b>: ADK's prefixes are Mnemo's scopes: no prefix is the session's, {@code user:}
 *       the user's (shared by their sessions), {@code app:} the namespace's, {@code temp:} this
 *       process's, never written to a tier (nor kept in a stored event's state delta).</li>
 *   <li><b>Apps and users</b>: one Mnemo namespace holds an app; give each app its own
 *       ({@code mnemo.namespace}) when several share the servers, since {@code app:} state is the
 *       namespace's. The app is recorded on the session, and another app does not see it. The ADK
 *       user is the Mnemo user ({@link AdkIds}), so {@link #listSessions} lists theirs and
 *       {@link #deleteUser} purges them.</li>
 *   <li><b>Reads</b>: {@link GetSessionConfig} is a last-k read, or a read from a time on, never the
 *       whole transcript; without one (the {@code Runner} gives none) every event is read, in pages,
 *       unless {@link Builder#defaultConfig} says otherwise. {@code listSessions} gives sessions
 *       without events or state; {@code lastUpdateTime} is Mnemo's last write to the session.</li>
 *   <li><b>Deadlines</b>: every call, however many Mnemo calls it makes, fails with a
 *       {@link SessionException} when it has not completed within Mnemo's call deadline
 *       ({@code mnemo.call-timeout}, 5 s by default; {@link #callTimeout()}), whatever the tiers do;
 *       Mnemo's errors reach ADK as a {@link SessionException} with Mnemo's as the cause.</li>
 * </ul>
 * {@code createSession} with the id of an existing session fails rather than replace it. Each call
 * starts when its result is subscribed to, as with ADK's Vertex AI service (the {@code Runner}
 * subscribes to each). Thread-safe; the Mnemo is the caller's to close.
 */
public final class MnemoSessionService implements BaseSessionService {

    /** The default number of messages read per call when a session is read whole. */
    public static final int DEFAULT_PAGE_SIZE = 500;
    /** The default most sessions {@link #listSessions} returns. */
    public static final int DEFAULT_MAX_LISTED_SESSIONS = 1_000;

    private final MnemoSessions sessions;
    private final AdkCalls calls;
    private final @Nullable GetSessionConfig defaultConfig;

    private MnemoSessionService(Builder builder) {
        Mnemo mnemo = Objects.requireNonNull(builder.mnemo, "mnemo");
        this.sessions = new MnemoSessions(mnemo, builder.pageSize, builder.maxListedSessions);
        this.calls = new AdkCalls(new Deadline(mnemo.settings().callTimeout()));
        this.defaultConfig = builder.defaultConfig;
    }

    /**
     * @param mnemo the Mnemo holding the sessions
     * @return a service with the defaults
     */
    public static MnemoSessionService create(Mnemo mnemo) {
        return builder().mnemo(mnemo).build();
    }

    /** @return a builder; {@link Builder#mnemo(Mnemo)} is required */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the limit of each call: the Mnemo's {@code mnemo.call-timeout} */
    public Duration callTimeout() {
        return calls.deadline().timeout();
    }

    @Override
    public Single<Session> createSession(String appName, String userId, @Nullable ConcurrentMap<String, Object> state,
                                         @Nullable String sessionId) {
        return createSession(appName, userId, (Map<String, Object>) state, sessionId);
    }

    @Override
    public Single<Session> createSession(String appName, String userId, @Nullable Map<String, Object> state,
                                         @Nullable String sessionId) {
        Objects.requireNonNull(appName, "appName");
        Objects.requireNonNull(userId, "userId");
        return calls.single("createSession", () -> sessions.create(appName, userId, state, sessionId));
    }

    @Override
    public Maybe<Session> getSession(String appName, String userId, String sessionId,
                                     Optional<GetSessionConfig> config) {
        Objects.requireNonNull(appName, "appName");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(config, "config");
        GetSessionConfig resolved = config.or(() -> Optional.ofNullable(defaultConfig))
                .orElseGet(() -> GetSessionConfig.builder().build());
        return calls.maybe("getSession " + Limits.quote(sessionId),
                () -> sessions.get(appName, userId, sessionId, resolved));
    }

    @Override
    public Single<ListSessionsResponse> listSessions(String appName, String userId) {
        Objects.requireNonNull(appName, "appName");
        Objects.requireNonNull(userId, "userId");
        return calls.single("listSessions", () -> sessions.list(appName, userId)
                .thenApply(list -> ListSessionsResponse.builder().sessions(list).build()));
    }

    /** Deletes the session from every tier; a session that is not the app's and user's is left alone. */
    @Override
    public Completable deleteSession(String appName, String userId, String sessionId) {
        Objects.requireNonNull(appName, "appName");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(sessionId, "sessionId");
        return calls.completable("deleteSession " + Limits.quote(sessionId),
                () -> sessions.delete(appName, userId, sessionId));
    }

    /** @return every event of the session, read in pages; none when it is not the app's and user's */
    @Override
    public Single<ListEventsResponse> listEvents(String appName, String userId, String sessionId) {
        Objects.requireNonNull(appName, "appName");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(sessionId, "sessionId");
        return calls.single("listEvents " + Limits.quote(sessionId), () -> sessions.events(appName, userId,
                sessionId).thenApply(events -> ListEventsResponse.builder().events(events).build()));
    }

    /**
     * Stores the event and its state delta in Mnemo, then, as ADK's own service does, adds it to
     * {@code session}'s events, applies the delta to its state (every key) and sets its last update
     * time to the event's.
     */
    @Override
    public Single<Event> appendEvent(Session session, Event event) {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(session.id(), "session.id");
        if (event.partial().orElse(false)) {
            return Single.just(event);
        }
        return calls.single("appendEvent to " + Limits.quote(session.id()), () -> sessions.append(session, event))
                .doOnSuccess(stored -> {
                    if (event.actions() != null) {
                        States.apply(session.state(), event.actions().stateDelta());
                    }
                    session.events().add(event);
                    session.lastUpdateTime(Instant.ofEpochMilli(event.timestamp()));
                });
    }

    /**
     * Purges every session of the user in the Mnemo's namespace, of every app, and the user's
     * {@code user:} state, from every tier.
     *
     * @param userId the ADK user id
     * @return how many sessions were deleted
     */
    public Single<Integer> deleteUser(String userId) {
        Objects.requireNonNull(userId, "userId");
        return calls.single("deleteUser", () -> sessions.deleteUser(userId));
    }

    /** Builds a {@link MnemoSessionService}. */
    public static final class Builder {
        private @Nullable Mnemo mnemo;
        private int pageSize = DEFAULT_PAGE_SIZE;
        private int maxListedSessions = DEFAULT_MAX_LISTED_SESSIONS;
        private @Nullable GetSessionConfig defaultConfig;

        private Builder() {
        }

        /** @param mnemo the Mnemo holding the sessions, required; @return this builder */
        public Builder mnemo(Mnemo mnemo) {
            this.mnemo = Objects.requireNonNull(mnemo, "mnemo");
            return this;
        }

        /**
         * @param pageSize messages per read when a session is read whole, at least 1; default
         *                 {@value #DEFAULT_PAGE_SIZE}
         * @return this builder
         */
        public Builder pageSize(int pageSize) {
            Limits.requirePositive("pageSize", pageSize);
            this.pageSize = pageSize;
            return this;
        }

        /**
         * @param maxListedSessions the most sessions {@code listSessions} returns, at least 1; default
         *                          {@value #DEFAULT_MAX_LISTED_SESSIONS}
         * @return this builder
         */
        public Builder maxListedSessions(int maxListedSessions) {
            Limits.requirePositive("maxListedSessions", maxListedSessions);
            this.maxListedSessions = maxListedSessions;
            return this;
        }

        /**
         * @param defaultConfig the reads of a {@code getSession} given no config, as the {@code Runner}
         *                      calls it: {@code numRecentEvents(n)} gives the agent the last n events of
         *                      a long session instead of all (a window that may start after a function
         *                      call, at its response); default none: every event
         * @return this builder
         */
        public Builder defaultConfig(GetSessionConfig defaultConfig) {
            this.defaultConfig = Objects.requireNonNull(defaultConfig, "defaultConfig");
            return this;
        }

        /**
         * @return the service
         * @throws NullPointerException when no Mnemo was given
         */
        public MnemoSessionService build() {
            return new MnemoSessionService(this);
        }
    }
}
