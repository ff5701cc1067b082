package dev.mnemo.benchmarks;

import dev.mnemo.Message;
import dev.mnemo.SessionId;

/**
 * Takes one turn of a pool, of the kind its rotation says (see {@link TurnKind}), and times each
 * of its calls, or one floor turn. Messages are built before the timer starts; a turn that fails
 * is noted by its configuration and not timed.
 */
final class ChatTurns {

    private final Conversation conversation;

    ChatTurns(Conversation conversation) {
        this.conversation = conversation;
    }

    /**
     * Takes the pool's next turn in its current session.
     *
     * @param latencies where its calls are timed, indexed as {@link Cell#of} says; {@code null} to run untimed
     * @return whether the turn succeeded
     */
    boolean take(SessionPool pool, Latencies[] latencies) {
        Subject subject = pool.subject();
        SessionPool.Turn turn = pool.nextTurn();
        SessionId id = pool.session();
        try {
            switch (turn.kind()) {
                case APPEND_THEN_READ -> appendThenRead(subject, id, turn.number(), latencies);
                case TURN -> {
                    Message question = subject.message(conversation, 2 * turn.number()); // even numbers are the user's
                    long start = System.nanoTime();
                    subject.turn(id, question);
                    record(latencies, Cell.TURN, start);
                }
                case THREE_CALLS -> {
                    Message question = subject.message(conversation, 2 * turn.number());
                    Message answer = subject.message(conversation, 2 * turn.number() + 1);
                    long start = System.nanoTime();
                    subject.append(id, question);
                    subject.policyContext(id, true);
                    subject.append(id, answer);
                    record(latencies, Cell.THREE_CALLS, start);
                }
            }
            return true;
        } catch (RuntimeException e) {
            subject.noteFailure(e);
            return false;
        }
    }

    /**
     * Append, context read, then for a configuration that reads the chat policies the full policy
     * and the bare window, the full one first in every other pair of these turns, so that neither
     * always meets what the other left (the tier's decode cache, a connection just used).
     */
    private void appendThenRead(Subject subject, SessionId id, long number, Latencies[] latencies) {
        Message message = subject.message(conversation, number); // user and assistant in turn
        long start = System.nanoTime();
        subject.append(id, message);
        record(latencies, Cell.APPEND, start);
        start = System.nanoTime();
        subject.context(id);
        record(latencies, Cell.CONTEXT, start);
        if (subject.readsPolicies()) {
            boolean fullFirst = number / 2 % 2 == 0; // both orders meet user and assistant appends
            policyRead(subject, id, fullFirst, latencies);
            policyRead(subject, id, !fullFirst, latencies);
        }
    }

    private static void policyRead(Subject subject, SessionId id, boolean full, Latencies[] latencies) {
        long start = System.nanoTime();
        subject.policyContext(id, full);
        record(latencies, full ? Cell.FULL : Cell.WINDOW, start);
    }

    /**
     * One floor turn: RPUSH, EVALSHA of the append script, LRANGE of the list that script keeps, and
     * EVALSHA of the turn script.
     *
     * @param latencies where each is timed, indexed as {@link FloorCell#of} says; {@code null} to run untimed
     */
    static void floor(Floor floor, long turn, Latencies[] latencies) {
        long start = System.nanoTime();
        floor.rpush("floor:rpush", turn);
        record(latencies, FloorCell.RPUSH, start);
        start = System.nanoTime();
        floor.lua("floor:lua", turn);
        record(latencies, FloorCell.LUA, start);
        start = System.nanoTime();
        floor.lrange("floor:lua");
        record(latencies, FloorCell.LRANGE, start);
        start = System.nanoTime();
        floor.turn("floor:turn", turn);
        record(latencies, FloorCell.TURN, start);
    }

    private static void record(Latencies[] latencies, int index, long start) {
        long end = System.nanoTime();
        if (latencies != null) {
            latencies[index].add(end - start);
        }
    }
}
