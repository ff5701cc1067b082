package dev.mnemo.benchmarks;

import dev.mnemo.benchmarks.Latencies.Percentiles;

/**
 * What one cell measured: one configuration at one size in one round.
 *
 * @param append  latency of appending one message
 * @param context latency of reading the context
 * @param cpu     CPU time per turn (one append and one read), in nanoseconds, by process
 */
record Cell(Percentiles append, Percentiles context, Servers.Cpu cpu) {
}
