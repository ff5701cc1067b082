package dev.mnemo.benchmarks;

import java.util.List;

/**
 * What one timed turn of a {@link SessionPool} does. A pool rotates over its kinds, one turn each,
 * so that every kind meets the same sessions and the same load; each kind's latency is timed on its
 * own (see {@link ChatTurns}).
 */
enum TurnKind {
    /**
     * One append of one message, then one context read (summary + last 20); in a configuration that
     * {@linkplain Subject#readsPolicies() reads the chat policies}, the full policy and the bare
     * window as well. The kind every configuration takes.
     */
    APPEND_THEN_READ(1),
    /** {@code turn} of one user message with {@link ChatPolicy#FULL}: the append and the context in one call. */
    TURN(1),
    /**
     * A chatbot's turn as three calls: append the user's message, read {@link ChatPolicy#FULL}, append
     * the assistant's answer; timed as one, from the first call's start to the last one's end.
     */
    THREE_CALLS(2);

    private final int messages;

    TurnKind(int messages) {
        this.messages = messages;
    }

    /** @return how many messages a turn of this kind appends */
    int messages() {
        return messages;
    }

    /**
     * @param subject    the configuration
     * @param threeCalls whether its turns set {@link #THREE_CALLS} beside {@link #TURN}
     * @return the kinds its pools rotate over: {@link #APPEND_THEN_READ} alone, unless it reads the
     *         chat policies (the configurations that read through Redis), then {@link #TURN} too and,
     *         when asked, {@link #THREE_CALLS}
     */
    static List<TurnKind> of(Subject subject, boolean threeCalls) {
        if (!subject.readsPolicies()) {
            return List.of(APPEND_THEN_READ);
        }
        return threeCalls ? List.of(APPEND_THEN_READ, TURN, THREE_CALLS) : List.of(APPEND_THEN_READ, TURN);
    }
}
