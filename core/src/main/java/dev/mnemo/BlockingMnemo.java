package dev.mnemo;

import dev.mnemo.context.Context;
import dev.mnemo.context.ContextPolicy;
import dev.mnemo.spi.support.Stages;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * The calls of {@link Mnemo}, blocking until each completes, with the same results: reads say which
 * tier served them and whether the answer is degraded ({@link Served}), as {@link Context} and
 * {@link AppendResult} do. Failures are thrown as the {@link MnemoException} the async call
 * completes with. No call waits longer than {@link MnemoConfig#callTimeout()}: past it, it throws
 * {@link StoreTimeoutException}. Get it from {@link Mnemo#blocking()}.
 */
public final class BlockingMnemo {

    /** What a wait adds to the call's own deadline, so the call's own timeout is the one that shows. */
    private static final Duration MARGIN = Duration.ofMillis(500);

    private final Mnemo mnemo;
    private final Duration limit;

    BlockingMnemo(Mnemo mnemo, Duration callTimeout) {
        this.mnemo = mnemo;
        this.limit = callTimeout.plus(MARGIN);
    }

    /** @return the async API this view blocks on */
    public Mnemo async() {
        return mnemo;
    }

    /** @see Mnemo#openSession(SessionId, String) */
    public Session openSession(SessionId id, @Nullable String userId) {
        return await("openSession", mnemo.openSession(id, userId));
    }

    /** @see Mnemo#openSession(SessionId, String, Map) */
    public Session openSession(SessionId id, @Nullable String userId, Map<String, Object> metadata) {
        return await("openSession", mnemo.openSession(id, userId, metadata));
    }

    /** @see Mnemo#getSession(SessionId) */
    public Served<Optional<Session>> getSession(SessionId id) {
        return await("getSession", mnemo.getSession(id));
    }

    /** @see Mnemo#listSessions(String, int) */
    public Served<List<Session>> listSessions(String userId, int limit) {
        return await("listSessions", mnemo.listSessions(userId, limit));
    }

    /** @see Mnemo#append(SessionId, Message...) */
    public AppendResult append(SessionId id, Message... messages) {
        return await("append", mnemo.append(id, messages));
    }

    /** @see Mnemo#append(SessionId, List) */
    public AppendResult append(SessionId id, List<Message> messages) {
        return await("append", mnemo.append(id, messages));
    }

    /** @see Mnemo#turn(SessionId, List, ContextPolicy) */
    public TurnResult turn(SessionId id, List<Message> messages, ContextPolicy policy) {
        return await("turn", mnemo.turn(id, messages, policy));
    }

    /** @see Mnemo#history(SessionId, int) */
    public Served<List<Message>> history(SessionId id, int limit) {
        return await("history", mnemo.history(id, limit));
    }

    /** @see Mnemo#messagesAfter(SessionId, UUID, int) */
    public Served<List<Message>> messagesAfter(SessionId id, @Nullable UUID afterId, int limit) {
        return await("messagesAfter", mnemo.messagesAfter(id, afterId, limit));
    }

    /** @see Mnemo#context(SessionId, ContextPolicy) */
    public Context context(SessionId id, ContextPolicy policy) {
        return await("context", mnemo.context(id, policy));
    }

    /** @see Mnemo#summary(SessionId) */
    public Served<Optional<Summary>> summary(SessionId id) {
        return await("summary", mnemo.summary(id));
    }

    /** @see Mnemo#summarize(SessionId) */
    public Optional<Summary> summarize(SessionId id) {
        return await("summarize", mnemo.summarize(id));
    }

    /** @see Mnemo#state(SessionId) */
    public Served<State> state(SessionId id) {
        return await("state", mnemo.state(id));
    }

    /** @see Mnemo#updateState(SessionId, StateDelta) */
    public void updateState(SessionId id, StateDelta delta) {
        await("updateState", mnemo.updateState(id, delta));
    }

    /** @see Mnemo#endSession(SessionId, String, String) */
    public boolean endSession(SessionId id, String reason, @Nullable String endedBy) {
        return await("endSession", mnemo.endSession(id, reason, endedBy));
    }

    /** @see Mnemo#updateMetadata(SessionId, Map) */
    public void updateMetadata(SessionId id, Map<String, ? extends @Nullable Object> changes) {
        await("updateMetadata", mnemo.updateMetadata(id, changes));
    }

    /** @see Mnemo#endSession(SessionId) */
    public boolean endSession(SessionId id) {
        return await("endSession", mnemo.endSession(id));
    }

    /** @see Mnemo#deleteSession(SessionId) */
    public boolean deleteSession(SessionId id) {
        return await("deleteSession", mnemo.deleteSession(id));
    }

    /** @see Mnemo#deleteUser(String) */
    public int deleteUser(String userId) {
        return await("deleteUser", mnemo.deleteUser(userId));
    }

    /** @see Mnemo#journal(int) */
    public List<dev.mnemo.spi.DurableJournal.SessionBacklog> journal(int limit) {
        return await("journal", mnemo.journal(limit));
    }

    /** @see Mnemo#health() */
    public MnemoHealth health() {
        return await("health", mnemo.health());
    }

    private <T> T await(String operation, CompletionStage<T> call) {
        return Stages.await(call, limit, operation);
    }
}
