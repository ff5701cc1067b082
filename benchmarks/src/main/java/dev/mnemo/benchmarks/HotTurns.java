package dev.mnemo.benchmarks;

import dev.mnemo.SessionId;
import java.time.Duration;
import java.util.List;

/**
 * What the durable tier reads while a warm session is read and takes turns. A session of
 * {@link Mode#hotSize()} messages is opened and seeded (Redis then holds its window, Firestore all
 * of it) and, once Firestore holds what opening it stored, it is read {@link Mode#hotTurns()} times
 * with {@link ChatPolicy#FULL}, then takes as many turns, each one user message with that policy,
 * all untimed. The documents the Firestore tier read are counted across the reads, then across the
 * turns and until Firestore holds their messages (in write-behind they reach it after the turns),
 * less what the checks for that read. Nothing else of the configuration runs meanwhile, so whatever
 * it read, those calls or the durable writes they made read it. What one check reads is what the
 * retiring of the session reads, a check of its own: that it is counted shows that the counter counts.
 */
final class HotTurns {

    /** How long Firestore may take to hold what the session was sent (in write-behind, from the journal). */
    private static final Duration HELD_WAIT = Duration.ofSeconds(30);

    private HotTurns() {
    }

    /**
     * The documents the durable tier read.
     *
     * @param context during the context reads
     * @param turns   during the turns and the durable writes of their messages
     * @param check   during one check of what it holds
     */
    record Reads(long context, long turns, long check) {
    }

    /** @return a pool for {@link #count}: sessions of {@link Mode#hotSize()} messages that take turns only */
    static SessionPool pool(Subject subject, Conversation conversation, Mode mode) {
        return new SessionPool(subject, conversation, "hot", mode.hotSize(), List.of(TurnKind.TURN));
    }

    /**
     * Opens a session of the pool, reads it and has it take {@link Mode#hotTurns()} turns, and retires it.
     *
     * @param pool a pool of {@link #pool}, of a configuration with a durable tier
     * @return what the durable tier read
     * @throws IllegalArgumentException when the turns would pass the session's length: the next
     *                                  session's seeding would be counted
     */
    static Reads count(SessionPool pool, Conversation conversation, Mode mode) {
        if (mode.hotTurns() > pool.size()) {
            throw new IllegalArgumentException(mode.hotTurns() + " turns would pass the session's " + pool.size()
                    + " messages");
        }
        Subject subject = pool.subject();
        Durability durability = new Durability(subject);
        pool.renew();
        List<SessionId> session = List.of(pool.session());
        long opened = pool.size() + subject.openingMessages();
        durability.await(session, opened, HELD_WAIT);
        long before = reads(subject);
        for (int i = 0; i < mode.hotTurns(); i++) {
            subject.policyContext(pool.session(), true);
        }
        long read = reads(subject);
        ChatTurns chat = new ChatTurns(conversation);
        for (int i = 0; i < mode.hotTurns(); i++) {
            chat.take(pool, null); // a failure is noted by the subject, and shown with the configuration's
        }
        int checks = durability.awaitHeld(session, opened + mode.hotTurns(), HELD_WAIT).checks();
        long turned = reads(subject);
        pool.retire();
        long check = reads(subject) - turned;
        return new Reads(read - before, turned - read - checks * check, check);
    }

    private static long reads(Subject subject) {
        return subject.durableReads().orElseThrow();
    }
}
