package dev.mnemo.internal;

import dev.mnemo.State;
import dev.mnemo.StateDelta;
import dev.mnemo.spi.SessionRef;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The {@code temp:} state keys of this process's sessions: never written to a tier. */
public final class TempStates {

    /** One session's keys, with its owner so that a user purge drops them. */
    private record Entry(String userId, State state) {
    }

    private final Map<SessionRef, Entry> sessions = new ConcurrentHashMap<>();

    /** @return {@code stored} with the session's {@code temp:} keys added */
    public State overlay(SessionRef ref, State stored) {
        Entry entry = sessions.get(ref);
        return entry == null ? stored : stored.merge(entry.state());
    }

    /** Applies the {@code temp:} part of a delta to a session owned by {@code userId}. */
    public void apply(SessionRef ref, String userId, StateDelta temp) {
        sessions.merge(ref, new Entry(userId, State.EMPTY.apply(temp)),
                (old, fresh) -> new Entry(old.userId(), old.state().apply(temp)));
    }

    /** Drops the keys of a session that ended, was purged, or was created anew. */
    public void drop(SessionRef ref) {
        sessions.remove(ref);
    }

    /** Drops the keys of every session of a purged user. */
    public void dropUser(String userId) {
        sessions.values().removeIf(entry -> userId.equals(entry.userId()));
    }

    /** Drops everything. */
    public void clear() {
        sessions.clear();
    }
}
