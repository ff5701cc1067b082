package dev.mnemo.internal;

import dev.mnemo.Message;
import dev.mnemo.Served;
import dev.mnemo.Session;
import dev.mnemo.SessionEnd;
import dev.mnemo.SessionId;
import dev.mnemo.spi.MemoryStore;
import dev.mnemo.spi.SessionAccess;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * What session listeners may do with a Mnemo: the narrow view they get instead of the facade. Each
 * call is the facade's own, under the same deadline.
 */
final class ListenerAccess implements SessionAccess {

    private final SessionReads reads;
    private final SessionCalls sessions;
    private final Router router;

    /**
     * @param reads    the facade's reads
     * @param sessions the facade's session writes
     * @param router   what holds the tiers
     */
    ListenerAccess(SessionReads reads, SessionCalls sessions, Router router) {
        this.reads = reads;
        this.sessions = sessions;
        this.router = router;
    }

    @Override
    public String namespace() {
        return reads.namespace();
    }

    @Override
    public CompletionStage<Optional<Session>> getSession(SessionId id) {
        return reads.session(id).thenApply(Served::value);
    }

    @Override
    public CompletionStage<List<Message>> history(SessionId id, int limit) {
        return reads.history(id, limit).thenApply(Served::value);
    }

    @Override
    public CompletionStage<Boolean> endSession(SessionId id, SessionEnd end) {
        return sessions.end(id, end.reason(), end.endedBy());
    }

    @Override
    public List<MemoryStore> tiers() {
        return router.tiers();
    }
}
