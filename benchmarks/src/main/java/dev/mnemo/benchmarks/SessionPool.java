package dev.mnemo.benchmarks;

import dev.mnemo.SessionId;
import java.time.Duration;
import java.util.List;

/**
 * The sessions of one configuration at one size, and the kinds of turn they take, in rotation
 * (see {@link TurnKind}). Each session is seeded to {@code size} messages when it is opened and then
 * takes about {@code size} more (a turn that appends two may pass it by one), so every turn measured
 * at that size meets a session of {@code size} to {@code 2 × size} messages; small sizes therefore
 * use many sessions. A session that has had its turns is retired: the durable tier, if any, must
 * hold all its messages.
 */
final class SessionPool {

    /** How long a retired session's durable tier may take to hold all its messages (write-behind flushes behind). */
    private static final Duration RETIRE_WAIT = Duration.ofSeconds(5);

    private final Subject subject;
    private final Conversation conversation;
    private final Durability durability;
    private final String prefix;
    private final int size;
    private final List<TurnKind> kinds;
    private SessionId current;
    private long turns;
    private int opened;
    private int taken;
    private long checked;
    private long missing;

    /** A pool whose turns are all {@link TurnKind#APPEND_THEN_READ}. */
    SessionPool(Subject subject, Conversation conversation, String prefix, int size) {
        this(subject, conversation, prefix, size, List.of(TurnKind.APPEND_THEN_READ));
    }

    /**
     * @param prefix the start of its session ids, unique within the configuration
     * @param size   the messages each session is seeded with
     * @param kinds  the kinds of turn it takes, in rotation
     */
    SessionPool(Subject subject, Conversation conversation, String prefix, int size, List<TurnKind> kinds) {
        this.subject = subject;
        this.conversation = conversation;
        this.durability = new Durability(subject);
        this.prefix = prefix;
        this.size = size;
        this.kinds = List.copyOf(kinds);
    }

    /**
     * One turn of the pool.
     *
     * @param kind   what it does
     * @param number how many turns of that kind the pool took before it: what picks its messages
     */
    record Turn(TurnKind kind, long number) {
    }

    /** @return the configuration whose sessions these are */
    Subject subject() {
        return subject;
    }

    /** @return the messages each session is seeded with */
    int size() {
        return size;
    }

    /** @return whether the next turn needs a fresh session, which {@link #renew()} opens */
    boolean exhausted() {
        return current == null || taken >= size;
    }

    /** Retires the current session, then opens and seeds the next: the untimed part, kept out of every measurement. */
    void renew() {
        retire();
        current = SessionId.of(prefix + "-" + size + "-" + opened++);
        subject.open(current, size, conversation);
        taken = 0;
    }

    /** @return the session of the next turn; {@link #exhausted()} must be false */
    SessionId session() {
        return current;
    }

    /** @return the next turn, in the rotation of the kinds, its messages counted against the session */
    Turn nextTurn() {
        TurnKind kind = kinds.get((int) (turns % kinds.size()));
        Turn turn = new Turn(kind, turns / kinds.size());
        turns++;
        taken += kind.messages();
        return turn;
    }

    /** Checks that the durable tier holds every message of the current session, if there is one. */
    void retire() {
        if (current == null) {
            return;
        }
        long expected = (long) size + taken + subject.openingMessages();
        long held = durability.await(List.of(current), expected, RETIRE_WAIT);
        if (held >= 0) {
            checked += expected;
            missing += Math.max(0, expected - held);
        }
        current = null;
    }

    /** @return how many acknowledged messages of retired sessions the durable tier was checked for */
    long checked() {
        return checked;
    }

    /** @return how many of those it did not hold */
    long missing() {
        return missing;
    }
}
