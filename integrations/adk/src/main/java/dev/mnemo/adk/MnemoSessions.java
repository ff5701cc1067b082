package dev.mnemo.adk;

import com.google.adk.events.Event;
import com.google.adk.sessions.GetSessionConfig;
import com.google.adk.sessions.Session;
import com.google.adk.sessions.SessionException;
import dev.mnemo.Message;
import dev.mnemo.Mnemo;
import dev.mnemo.Served;
import dev.mnemo.SessionId;
import dev.mnemo.State;
import dev.mnemo.StateDelta;
import dev.mnemo.spi.support.Limits;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * ADK's session operations on Mnemo's asynchronous API; {@link MnemoSessionService} bounds them.
 *
 * <p>An ADK session is the Mnemo session of id {@link AdkIds#sessionId}, owned by the Mnemo user
 * {@link AdkIds#userId}, in the Mnemo's namespace. Its metadata records the app
 * ({@value #APP_NAME}) and, when {@link AdkIds} had to hash them, the ADK session and user ids. A
 * session is an app's when it records that app or none (it was not created through ADK), and a
 * user's when Mnemo has it owned by that user; any other reads as absent.
 */
final class MnemoSessions {

    static final String APP_NAME = "adk.appName";
    static final String SESSION_ID = "adk.sessionId";
    static final String USER_ID = "adk.userId";

    private final Mnemo mnemo;
    private final EventReads reads;
    private final EventIds ids = new EventIds();
    private final int maxListed;

    MnemoSessions(Mnemo mnemo, int pageSize, int maxListed) {
        this.mnemo = mnemo;
        this.reads = new EventReads(mnemo, pageSize);
        this.maxListed = maxListed;
    }

    CompletionStage<Session> create(String app, String user, @Nullable Map<String, Object> state,
                                    @Nullable String sessionId) {
        String adkId = sessionId == null || sessionId.isBlank() ? UUID.randomUUID().toString() : sessionId.trim();
        SessionId id = AdkIds.sessionId(adkId);
        Map<String, Object> metadata = new HashMap<>(Map.of(APP_NAME, app));
        if (!id.value().equals(adkId)) {
            metadata.put(SESSION_ID, adkId);
        }
        if (!AdkIds.userId(user).equals(user)) {
            metadata.put(USER_ID, user);
        }
        StateDelta initial = States.delta(state);
        return mnemo.getSession(id).thenCompose(existing -> {
            if (existing.value().isPresent()) {
                throw new SessionException("Session " + Limits.quote(adkId) + " already exists");
            }
            return mnemo.openSession(id, AdkIds.userId(user), metadata);
        }).thenCompose(opened -> (initial.isEmpty() ? CompletableFuture.completedFuture((Void) null)
                : mnemo.updateState(id, initial)).thenCompose(written -> mnemo.state(id))
                .thenApply(read -> session(app, user, opened, read.value(), List.of())));
    }

    CompletionStage<Optional<Session>> get(String app, String user, String sessionId, GetSessionConfig config) {
        SessionId id = AdkIds.sessionId(sessionId);
        return owned(app, user, id).thenCompose(found -> {
            if (found.isEmpty()) {
                return CompletableFuture.completedFuture(Optional.empty());
            }
            CompletableFuture<Served<State>> state = mnemo.state(id).toCompletableFuture();
            CompletableFuture<List<Message>> messages = reads.read(id, config).toCompletableFuture();
            return state.thenCombine(messages, (read, events) ->
                    Optional.of(session(app, user, found.get(), read.value(), events)));
        });
    }

    /** @return the app's sessions of the user, without events or state, at most {@code maxListed} */
    CompletionStage<List<Session>> list(String app, String user) {
        return mnemo.listSessions(AdkIds.userId(user), maxListed).thenApply(served -> served.value().stream()
                .filter(session -> ofApp(session, app))
                .map(session -> session(app, user, session, State.EMPTY, List.of())).toList());
    }

    CompletionStage<Void> delete(String app, String user, String sessionId) {
        SessionId id = AdkIds.sessionId(sessionId);
        return owned(app, user, id).thenCompose(found -> found.isEmpty() ? CompletableFuture.completedFuture(null)
                : mnemo.deleteSession(id).thenApply(deleted -> null));
    }

    CompletionStage<List<Event>> events(String app, String user, String sessionId) {
        SessionId id = AdkIds.sessionId(sessionId);
        return owned(app, user, id).thenCompose(found -> found.isEmpty() ? CompletableFuture.completedFuture(List.of())
                : reads.all(id).thenApply(MnemoSessions::events));
    }

    /** Stores the event as one message and applies its state delta, in parallel; both are idempotent. */
    CompletionStage<Event> append(Session session, Event event) {
        SessionId id = AdkIds.sessionId(session.id());
        Message message = EventMapping.toMessage(event, ids.of(event));
        StateDelta delta = States.delta(event.actions() == null ? null : event.actions().stateDelta());
        CompletableFuture<?> appended = mnemo.append(id, message).toCompletableFuture();
        CompletableFuture<?> updated = delta.isEmpty() ? CompletableFuture.completedFuture(null)
                : mnemo.updateState(id, delta).toCompletableFuture();
        return CompletableFuture.allOf(appended, updated).thenApply(done -> event);
    }

    CompletionStage<Integer> deleteUser(String user) {
        return mnemo.deleteUser(AdkIds.userId(user));
    }

    private CompletionStage<Optional<dev.mnemo.Session>> owned(String app, String user, SessionId id) {
        String owner = AdkIds.userId(user);
        return mnemo.getSession(id).thenApply(served -> served.value()
                .filter(session -> Objects.equals(session.userId(), owner) && ofApp(session, app)));
    }

    private static boolean ofApp(dev.mnemo.Session session, String app) {
        Object recorded = session.metadata().get(APP_NAME);
        return recorded == null || recorded.equals(app);
    }

    private static Session session(String app, String user, dev.mnemo.Session stored, State state,
                                   List<Message> messages) {
        Object adkId = stored.metadata().get(SESSION_ID);
        return Session.builder(adkId instanceof String text ? text : stored.id().value()).appName(app).userId(user)
                .state(States.toAdk(state)).events(events(messages)).lastUpdateTime(stored.updatedAt()).build();
    }

    private static List<Event> events(List<Message> messages) {
        return messages.stream().map(EventMapping::toEvent).toList();
    }
}
