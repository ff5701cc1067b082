package dev.mnemo.benchmarks;

import dev.mnemo.SessionId;
import java.util.ArrayList;
import java.util.List;

/**
 * The sessions of one configuration at one size. Each is seeded to {@code size} messages when it
 * is opened and then takes at most {@code size} more, so every turn measured at that size meets a
 * session of {@code size} to {@code 2 × size} messages; small sizes therefore use many sessions.
 */
final class SessionPool {

    private final Subject subject;
    private final Conversation conversation;
    private final String prefix;
    private final int size;
    private final List<SessionId> opened = new ArrayList<>();
    private SessionId current;
    private int taken;
    private long appended;

    /**
     * @param prefix the start of its session ids, unique in the run
     * @param size   the messages each session is seeded with
     */
    SessionPool(Subject subject, Conversation conversation, String prefix, int size) {
        this.subject = subject;
        this.conversation = conversation;
        this.prefix = prefix;
        this.size = size;
    }

    /** @return the messages each session is seeded with */
    int size() {
        return size;
    }

    /** @return whether the next turn needs a fresh session, which {@link #renew()} opens */
    boolean exhausted() {
        return current == null || taken >= size;
    }

    /** Opens and seeds the next session: the untimed part, kept out of every measurement. */
    void renew() {
        current = SessionId.of(prefix + "-" + size + "-" + opened.size());
        subject.open(current, conversation.history(size), conversation);
        opened.add(current);
        taken = 0;
    }

    /** @return the session of the next turn; {@link #exhausted()} must be false */
    SessionId session() {
        return current;
    }

    /** @return the message of the next turn, counting it against the session */
    long nextTurn() {
        appended++;
        return size + taken++;
    }

    /** @return every session opened so far */
    List<SessionId> sessions() {
        return List.copyOf(opened);
    }

    /** @return how many messages its sessions should hold: the seeded and the appended ones */
    long messages() {
        return (long) opened.size() * size + appended;
    }
}
