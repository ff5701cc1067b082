package dev.mnemo.benchmarks;

import java.util.Arrays;

/**
 * Latency samples of one operation, in nanoseconds, and their percentiles by nearest rank over
 * the sorted samples: exact, with no histogram buckets. Not thread-safe; one per thread, then
 * {@link #addAll(Latencies)}.
 */
final class Latencies {

    private long[] samples = new long[256];
    private int size;

    /** @param nanos one sample */
    void add(long nanos) {
        if (size == samples.length) {
            samples = Arrays.copyOf(samples, size * 2);
        }
        samples[size++] = nanos;
    }

    /** @param other samples to take in as well */
    void addAll(Latencies other) {
        for (int i = 0; i < other.size; i++) {
            add(other.samples[i]);
        }
    }

    /** @return how many samples */
    int count() {
        return size;
    }

    /** @return the 50th and 99th percentiles; both 0 without samples */
    Percentiles percentiles() {
        long[] sorted = Arrays.copyOf(samples, size);
        Arrays.sort(sorted);
        return new Percentiles(rank(sorted, 0.50), rank(sorted, 0.99), size);
    }

    private static long rank(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    /**
     * @param p50   the median, in nanoseconds
     * @param p99   the 99th percentile, in nanoseconds
     * @param count how many samples they were taken over
     */
    record Percentiles(long p50, long p99, int count) {
    }
}
