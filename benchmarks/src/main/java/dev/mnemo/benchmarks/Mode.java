package dev.mnemo.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * How much a run measures. Every cell of the scale curve (one configuration at one session size
 * in one round) takes up to {@code samples} timed turns, each one append and one context read,
 * after {@code cellWarmup} untimed turns, and stops early when {@code cellBudget} has passed (the
 * Firestore emulator answers in milliseconds to seconds, Redis in microseconds). Each configuration
 * is warmed up first until the JIT has gone quiet (see {@link Turns#warmUp}), so that no cell
 * measures code still being compiled.
 *
 * @param name               the name on the command line
 * @param sizes              the session sizes, in messages, smallest first
 * @param warmup             the least time a configuration is warmed up before its first cell
 * @param warmupLimit        the most time it is warmed up, even if the JIT is still compiling
 * @param cellWarmup         untimed turns at the start of every cell, at most a fifth of its budget
 * @param samples            the most timed turns per cell
 * @param cellBudget         the time after which a cell stops taking samples (at least {@link #MIN_SAMPLES})
 * @param rounds             how many times every cell is measured; tables show the median of the rounds
 * @param sessions           concurrent sessions of the throughput run
 * @param messagesPerSession how many messages each of them grows to
 */
record Mode(String name, List<Integer> sizes, Duration warmup, Duration warmupLimit, int cellWarmup, int samples, Duration cellBudget,
            int rounds, int sessions, int messagesPerSession) {

    /** The fewest timed turns of a cell, even past its budget. */
    static final int MIN_SAMPLES = 10;

    /** Sizes to 10,000, two rounds, sessions growing to 200 messages: under 3 minutes on 2 cores. */
    static final Mode QUICK = new Mode("quick", List.of(10, 100, 1_000, 10_000), Duration.ofSeconds(2),
            Duration.ofSeconds(6), 50, 1_000, Duration.ofSeconds(1), 2, 25, 200);

    /** Sizes to 100,000, three rounds, sessions growing to 2,000 messages: the published table. */
    static final Mode FULL = new Mode("full", List.of(10, 100, 1_000, 10_000, 100_000), Duration.ofSeconds(5),
            Duration.ofSeconds(30), 100, 3_000, Duration.ofSeconds(10), 3, 25, 2_000);

    /** Sizes 10 and 100, a few samples, 5 sessions of 4 messages: proves the runner works, in seconds. */
    static final Mode SMOKE = new Mode("smoke", List.of(10, 100), Duration.ofMillis(100),
            Duration.ofMillis(100), 3, 10, Duration.ofMillis(200), 1, 5, 4);

    Mode {
        sizes = List.copyOf(sizes);
    }

    /**
     * @param name {@code quick}, {@code full} or {@code smoke}, in any case
     * @return that mode
     * @throws IllegalArgumentException for any other name
     */
    static Mode named(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "quick" -> QUICK;
            case "full" -> FULL;
            case "smoke" -> SMOKE;
            default -> throw new IllegalArgumentException("Unknown mode '" + name + "': use quick, full or smoke");
        };
    }

    /** @return the smallest size */
    int smallest() {
        return sizes.get(0);
    }

    /** @return the largest size */
    int largest() {
        return sizes.get(sizes.size() - 1);
    }

    /** @return the size the floor ratios are taken at: 10,000, or the largest below it in a smaller mode */
    int ratioSize() {
        return largestUpTo(10_000);
    }

    /** @return the length of the session whose warm turns count durable reads (see {@link HotTurns}): 1,000, or less */
    int hotSize() {
        return largestUpTo(1_000);
    }

    /** @return how many warm turns count durable reads: 1,000, or a cell's samples in a smaller mode */
    int hotTurns() {
        return Math.min(1_000, samples);
    }

    private int largestUpTo(int bound) {
        return sizes.stream().filter(size -> size <= bound).reduce((a, b) -> b).orElse(smallest());
    }
}
