/**
 * The scale curve of Mnemo: append and context-read latency as a session grows from 10 to 100,000
 * messages, on each tier and through the router, and the throughput of 25 sessions growing at
 * once, each next to the floor of raw Lettuce commands on the same Redis in the same run; beside
 * them, a chatbot's full context policy against the bare window, and the write-behind router
 * against Mnemo over Redis alone, with the time the durable tier takes to hold what was
 * acknowledged. Run {@link dev.mnemo.benchmarks.ScaleCurve}, or
 * {@link dev.mnemo.benchmarks.AppendBreakdown} for where the router's append spends its time;
 * {@link dev.mnemo.benchmarks.Plot} draws the curve a run wrote again. {@code benchmarks/README.md}
 * keeps the latest results and shows the latest full run's curve.
 */
@NullMarked
package dev.mnemo.benchmarks;

import org.jspecify.annotations.NullMarked;
