package dev.mnemo.store.redis.internal;

import dev.mnemo.spi.SessionRef;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The owners of sessions this process has read lately, so a read of a session's state can ask for
 * its user's {@code user:} state in the same round trip as the rest: the owner is in the session's
 * meta hash, which that round trip reads too. A session's owner never changes while it lives; one
 * purged and created again may have another, which the read sees in the meta it gets back, and
 * then reads the right user's state in a second round trip. At most {@value #CAPACITY} sessions
 * are kept; past that the map starts afresh.
 */
public final class Owners {

    private static final int CAPACITY = 16_384;

    private final ConcurrentMap<SessionRef, Optional<String>> owners = new ConcurrentHashMap<>();

    /** @return the session's owner as last read (empty inside for an anonymous session), if known */
    public Optional<Optional<String>> get(SessionRef ref) {
        return Optional.ofNullable(owners.get(ref));
    }

    /** Records the owner read from the session's meta hash; {@code null} for an anonymous session. */
    public void put(SessionRef ref, String userId) {
        if (owners.size() >= CAPACITY) {
            owners.clear();
        }
        owners.put(ref, Optional.ofNullable(userId));
    }

    /** Forgets the session, which was purged. */
    public void forget(SessionRef ref) {
        owners.remove(ref);
    }
}
