package dev.mnemo.benchmarks;

import dev.mnemo.benchmarks.Latencies.Percentiles;

/**
 * What one cell measured: one configuration at one size in one round.
 *
 * @param append  latency of appending one message
 * @param context latency of reading the context (summary + last 20)
 * @param full    latency of reading {@link ChatPolicy#FULL}; no samples when the configuration does not
 * @param window  latency of reading {@link ChatPolicy#WINDOW}, in the same turns as {@code full}
 * @param cpu     CPU time per turn (one append and every read of the turn), in nanoseconds, by process
 */
record Cell(Percentiles append, Percentiles context, Percentiles full, Percentiles window, Servers.Cpu cpu) {

    /** @return whether the turns read the chat policies */
    boolean readPolicies() {
        return full.count() > 0;
    }

    /** @return the full policy's p50 over the bare window's, in the same turns */
    double fullOverWindow() {
        return (double) full.p50() / window.p50();
    }
}
