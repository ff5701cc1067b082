package dev.mnemo.store.redis.internal;

import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log of a Redis connection's outages: one line when the connection is lost (or the first one
 * cannot be opened), one when it is open again with how long it was out and how many attempts it
 * took; the attempts between are not logged. Thread-safe.
 */
final class OutageNotes {

    private static final Logger LOG = LoggerFactory.getLogger(RedisConnection.class);

    private final String where;
    private long lostAt;
    private boolean out;

    /** @param where the server, as the lines name it (no password) */
    OutageNotes(String where) {
        this.where = where;
    }

    /** Notes a failed attempt or a closed connection; logs only the first of an outage. */
    synchronized void lost(String why) {
        if (!out) {
            out = true;
            lostAt = System.nanoTime();
            LOG.warn("Redis at {} is out ({}); reconnecting in the background, logged again once it is back", where, why);
        }
    }

    /** Notes an open connection; logs when it ends an outage. */
    synchronized void back(int attempts) {
        if (out) {
            out = false;
            LOG.info("Redis at {} is back after {} ms ({} attempts)", where,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lostAt), attempts);
        }
    }
}
