package dev.mnemo.benchmarks;

import dev.mnemo.benchmarks.Latencies.Percentiles;

/**
 * What one cell measured: one configuration at one size in one round. A latency its turns did not
 * take (a kind of turn the configuration does not rotate over) has no samples.
 *
 * @param append     latency of appending one message ({@link TurnKind#APPEND_THEN_READ})
 * @param context    latency of reading the context (summary + last 20), after that append
 * @param full       latency of reading {@link ChatPolicy#FULL}, after that context read
 * @param window     latency of reading {@link ChatPolicy#WINDOW}, in the same turns as {@code full}
 * @param turn       latency of {@link TurnKind#TURN}: one user message and the full policy, in one call
 * @param threeCalls latency of {@link TurnKind#THREE_CALLS}: append, full policy, append
 * @param cpu        CPU time per turn (of any kind, every call of it), in nanoseconds, by process
 */
record Cell(Percentiles append, Percentiles context, Percentiles full, Percentiles window, Percentiles turn,
            Percentiles threeCalls, Servers.Cpu cpu) {

    /** The index of each latency in the array {@link #of} takes. */
    static final int APPEND = 0;
    static final int CONTEXT = 1;
    static final int FULL = 2;
    static final int WINDOW = 3;
    static final int TURN = 4;
    static final int THREE_CALLS = 5;
    /** How many latencies a cell has. */
    static final int LATENCIES = 6;

    /** @return the cell of {@code latencies}, indexed as {@link #APPEND} to {@link #THREE_CALLS} say */
    static Cell of(Latencies[] latencies, Servers.Cpu cpu) {
        return new Cell(latencies[APPEND].percentiles(), latencies[CONTEXT].percentiles(), latencies[FULL].percentiles(),
                latencies[WINDOW].percentiles(), latencies[TURN].percentiles(), latencies[THREE_CALLS].percentiles(), cpu);
    }

    /** @return how many turns it timed, of every kind */
    int turns() {
        return append.count() + turn.count() + threeCalls.count();
    }

    /** @return the full policy's p50 over the bare window's, in the same turns */
    double fullOverWindow() {
        return (double) full.p50() / window.p50();
    }

    /** @return the turn's p50 over that of the three calls it stands for, in the same rounds */
    double turnOverThreeCalls() {
        return (double) turn.p50() / threeCalls.p50();
    }
}
