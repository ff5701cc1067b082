/**
 * The scale curve of Mnemo: append and context-read latency as a session grows from 10 to 100,000
 * messages, on each tier and through the router, and the throughput of 25 sessions growing at
 * once, each next to the floor of raw Lettuce commands on the same Redis in the same run. Run
 * {@link dev.mnemo.benchmarks.ScaleCurve}; {@code benchmarks/README.md} keeps the latest results.
 */
@NullMarked
package dev.mnemo.benchmarks;

import org.jspecify.annotations.NullMarked;
