package dev.mnemo;

import dev.mnemo.context.Context;
import dev.mnemo.context.ContextPolicy;
import dev.mnemo.spi.support.Stages;
import dev.mnemo.spi.Health;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The calls of {@link Mnemo}, blocking until each completes; failures are thrown as the
 * {@link MnemoException} the async call completes with. Get it from {@link Mnemo#blocking()}.
 * Reads return the value alone; the async calls also say which tier served it and whether the
 * answer is degraded ({@link Served}), as {@link Context} and {@link AppendResult} do here.
 */
public final class BlockingMnemo {

    private final Mnemo mnemo;

    BlockingMnemo(Mnemo mnemo) {
        this.mnemo = mnemo;
    }

    /** @return the async API this view blocks on */
    public Mnemo async() {
        return mnemo;
    }

    /** @see Mnemo#openSession(SessionId, String) */
    public Session openSession(SessionId id, String userId) {
        return Stages.join(mnemo.openSession(id, userId));
    }

    /** @see Mnemo#openSession(SessionId, String, Map) */
    public Session openSession(SessionId id, String userId, Map<String, Object> metadata) {
        return Stages.join(mnemo.openSession(id, userId, metadata));
    }

    /** @see Mnemo#getSession(SessionId) */
    public Optional<Session> getSession(SessionId id) {
        return Stages.join(mnemo.getSession(id)).value();
    }

    /** @see Mnemo#listSessions(String, int) */
    public List<Session> listSessions(String userId, int limit) {
        return Stages.join(mnemo.listSessions(userId, limit)).value();
    }

    /** @see Mnemo#append(SessionId, Message...) */
    public AppendResult append(SessionId id, Message... messages) {
        return Stages.join(mnemo.append(id, messages));
    }

    /** @see Mnemo#append(SessionId, List) */
    public AppendResult append(SessionId id, List<Message> messages) {
        return Stages.join(mnemo.append(id, messages));
    }

    /** @see Mnemo#history(SessionId, int) */
    public List<Message> history(SessionId id, int limit) {
        return Stages.join(mnemo.history(id, limit)).value();
    }

    /** @see Mnemo#messagesAfter(SessionId, UUID, int) */
    public List<Message> messagesAfter(SessionId id, @Nullable UUID afterId, int limit) {
        return Stages.join(mnemo.messagesAfter(id, afterId, limit)).value();
    }

    /** @see Mnemo#context(SessionId, ContextPolicy) */
    public Context context(SessionId id, ContextPolicy policy) {
        return Stages.join(mnemo.context(id, policy));
    }

    /** @see Mnemo#summary(SessionId) */
    public Optional<Summary> summary(SessionId id) {
        return Stages.join(mnemo.summary(id)).value();
    }

    /** @see Mnemo#summarize(SessionId) */
    public Optional<Summary> summarize(SessionId id) {
        return Stages.join(mnemo.summarize(id));
    }

    /** @see Mnemo#state(SessionId) */
    public State state(SessionId id) {
        return Stages.join(mnemo.state(id)).value();
    }

    /** @see Mnemo#updateState(SessionId, StateDelta) */
    public void updateState(SessionId id, StateDelta delta) {
        Stages.join(mnemo.updateState(id, delta));
    }

    /** @see Mnemo#endSession(SessionId, String, String) */
    public boolean endSession(SessionId id, String reason, @Nullable String endedBy) {
        return Stages.join(mnemo.endSession(id, reason, endedBy));
    }

    /** @see Mnemo#updateMetadata(SessionId, Map) */
    public void updateMetadata(SessionId id, Map<String, ? extends @Nullable Object> changes) {
        Stages.join(mnemo.updateMetadata(id, changes));
    }

    /** @see Mnemo#endSession(SessionId) */
    public boolean endSession(SessionId id) {
        return Stages.join(mnemo.endSession(id));
    }

    /** @see Mnemo#deleteSession(SessionId) */
    public boolean deleteSession(SessionId id) {
        return Stages.join(mnemo.deleteSession(id));
    }

    /** @see Mnemo#deleteUser(String) */
    public int deleteUser(String userId) {
        return Stages.join(mnemo.deleteUser(userId));
    }

    /** @see Mnemo#health() */
    public List<Health> health() {
        return Stages.join(mnemo.health());
    }
}
