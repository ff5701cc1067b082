package dev.mnemo.reference;

import dev.mnemo.Message;
import dev.mnemo.Session;
import dev.mnemo.State;
import dev.mnemo.Summary;
import java.util.UUID;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * One session held in process memory by {@link MapMemoryStore}. Changed only inside the
 * owning map's atomic {@code compute} for its key; read without locks.
 */
public final class SessionEntry {

    /** The weight of an entry before its messages: the session record, summary and state. */
    static final int BASE_WEIGHT = 512;
    /** What one message adds to the weight besides its text. */
    static final int MESSAGE_OVERHEAD = 256;

    volatile Session session;
    volatile Summary summary;
    volatile State state = State.EMPTY;
    final ConcurrentNavigableMap<UUID, Message> messages = new ConcurrentSkipListMap<>(Message::compareIds);
    private long weight = BASE_WEIGHT;

    SessionEntry(Session session) {
        this.session = session;
    }

    void add(Message message) {
        weight += MESSAGE_OVERHEAD + 2L * message.content().length();
    }

    /**
     * @return an estimate of the bytes this entry holds, capped at {@link Integer#MAX_VALUE},
     *         for bounding a cache by weight
     */
    public int weight() {
        return (int) Math.min(Integer.MAX_VALUE, weight);
    }
}
