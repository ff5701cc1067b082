package dev.mnemo.adk;

import com.google.adk.events.Event;
import com.google.common.collect.MapMaker;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;

/**
 * The Mnemo message id of each ADK event: a UUIDv7, the message's position in every tier.
 *
 * <p>An id's millisecond is the later of the event's timestamp and the last id this process
 * minted, and ids minted in one millisecond count up: so the ids of a process grow in the order
 * its events are appended (events stamped in the same millisecond keep their order), and no id
 * is earlier than its event's timestamp, which lets a read of the events at or after a time start
 * at {@link #before(Instant)} and miss none. The same event object appended again, as a retried
 * call does, gets the id it got the first time, so Mnemo stores it once.
 */
final class EventIds {

    private static final long VERSION_7 = 0x7000L;
    private static final long VARIANT = 0x8000_0000_0000_0000L;
    private static final int MAX_SEQUENCE = 0xFFF;

    private final SecureRandom random = new SecureRandom();
    /** By identity, weakly: an event the caller has dropped cannot be appended again. */
    private final ConcurrentMap<Event, UUID> minted = new MapMaker().weakKeys().makeMap();
    private long lastMillis;
    private int sequence;

    /** @return the id of {@code event}: the one it was given before, else a new one */
    UUID of(Event event) {
        return minted.computeIfAbsent(event, unused -> next(event.timestamp()));
    }

    private synchronized UUID next(long eventMillis) {
        if (eventMillis > lastMillis) {
            lastMillis = eventMillis;
            sequence = 0;
        } else if (++sequence > MAX_SEQUENCE) {
            lastMillis++;
            sequence = 0;
        }
        long random62 = random.nextLong() >>> 2;
        return new UUID(lastMillis << 16 | VERSION_7 | sequence, VARIANT | random62);
    }

    /**
     * @param time a time
     * @return an id below every id of an event stamped at or after {@code time} and above every id
     *         of an earlier millisecond, or {@code null} (read from the start) when {@code time} is
     *         not after the epoch
     */
    static @Nullable UUID before(Instant time) {
        long millis = time.toEpochMilli();
        return millis <= 0 ? null : new UUID((millis - 1) << 16 | 0xFFFFL, -1L);
    }
}
