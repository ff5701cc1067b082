package dev.mnemo.benchmarks;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * The keys of the {@code RESULT} line, each once: how it is taken from a run, its target, and what
 * the table of targets shows beside it (the values a key takes the worst of, the sizes a ratio was
 * worst at). The table and the RESULT line are printed from here; ratios "at" a size are at
 * {@link Mode#ratioSize()}, 10,000 (100 in the smoke mode).
 */
final class Targets {

    private static final ToDoubleFunction<Cell> APPEND_P50 = cell -> cell.append().p50();
    private static final ToDoubleFunction<Cell> CONTEXT_P50 = cell -> cell.context().p50();
    private static final ToDoubleFunction<Cell> TURN_P50 = cell -> cell.turn().p50();

    /** The configurations that read through Redis: they take the chat policies, {@code turn} and the three calls. */
    private static final List<Setup> CHAT = Arrays.stream(Setup.values()).filter(Setup::readsPolicies).toList();
    private static final List<Setup> ROUTERS = Arrays.stream(Setup.values()).filter(Setup::router).toList();

    /** How a value is held against its bound. */
    private enum Goal {
        AT_MOST("<="), AT_LEAST(">="), NONE("");

        private final String sign;

        Goal(String sign) {
            this.sign = sign;
        }
    }

    /**
     * @param key    the RESULT key
     * @param label  what it is, in the table; {@code %1$,d} stands for the ratio size
     * @param goal   how the value is held against {@code bound}
     * @param bound  the target
     * @param value  how it is taken from a run
     * @param detail what the table shows under it, or nothing
     */
    private record Target(String key, String label, Goal goal, double bound, ToDoubleFunction<Results> value,
                          Function<Results, String> detail) {

        Target(String key, String label, Goal goal, double bound, ToDoubleFunction<Results> value) {
            this(key, label, goal, bound, value, results -> "");
        }
    }

    private static final List<Target> TARGETS = List.of(
            new Target("redis_append_vs_floor", "redis append p50 / EVALSHA floor, at %1$,d", Goal.AT_MOST, 1.3,
                    results -> results.vsFloor(Setup.REDIS, at(results), APPEND_P50, floor -> floor.lua().p50())),
            new Target("redis_context_vs_floor", "redis context p50 / LRANGE floor, at %1$,d", Goal.AT_MOST, 1.3,
                    results -> results.vsFloor(Setup.REDIS, at(results), CONTEXT_P50, floor -> floor.lrange().p50())),
            new Target("redis_append_flat", "redis append flat", Goal.AT_MOST, 1.15,
                    results -> results.flat(Setup.REDIS, APPEND_P50)),
            new Target("redis_context_flat", "redis context flat", Goal.AT_MOST, 1.15,
                    results -> results.flat(Setup.REDIS, CONTEXT_P50)),
            new Target("memory_append_flat", "memory append flat", Goal.AT_MOST, 1.15,
                    results -> results.flat(Setup.MEMORY, APPEND_P50)),
            new Target("firestore_append_flat", "firestore append flat", Goal.AT_MOST, 1.15,
                    results -> results.flat(Setup.FIRESTORE, APPEND_P50)),
            new Target("router_throughput_vs_floor", "router wb throughput / raw RPUSH", Goal.AT_LEAST, 0.75,
                    results -> results.throughputVsFloor(Setup.ROUTER_WRITE_BEHIND),
                    results -> String.format(Locale.ROOT, "router wt %.2f, shown", results.throughputVsFloor(Setup.ROUTER_WRITE_THROUGH))),
            new Target("router_full_context_vs_window", "router full policy / bare window, at %1$,d", Goal.AT_MOST, 1.1,
                    results -> worst(ROUTERS, setup -> results.median(setup, at(results), Cell::fullOverWindow)),
                    results -> each(ROUTERS, setup -> results.median(setup, at(results), Cell::fullOverWindow))
                            + "; worst size: " + worstSizes(results, ROUTERS)),
            new Target("redis_full_context_vs_window", "redis full policy / bare window, at %1$,d", Goal.AT_MOST, 1.2,
                    results -> results.median(Setup.REDIS, at(results), Cell::fullOverWindow),
                    results -> "worst size: " + worstSizes(results, List.of(Setup.REDIS))),
            new Target("router_wb_append_vs_redis", "router wb append p50 / redis beside, at %1$,d", Goal.AT_MOST, 1.3,
                    results -> results.vsBeside(Setup.ROUTER_WRITE_BEHIND, APPEND_P50)),
            new Target("router_wb_throughput_vs_redis", "router wb throughput / redis beside", Goal.AT_LEAST, 0.6,
                    Results::throughputVsBeside),
            new Target("router_wb_drain_ms", "router wb drain after the last ack, ms", Goal.NONE, Double.NaN,
                    results -> results.drainMillis(Setup.ROUTER_WRITE_BEHIND)),
            new Target("turn_vs_evalsha_floor", "redis turn p50 / EVALSHA turn floor, at %1$,d", Goal.AT_MOST, 1.2,
                    results -> results.vsFloor(Setup.REDIS, at(results), TURN_P50, floor -> floor.turn().p50())),
            new Target("turn_vs_three_calls", "turn p50 / three calls' p50, at %1$,d", Goal.AT_MOST, 0.5,
                    results -> worst(CHAT, setup -> results.median(setup, at(results), Cell::turnOverThreeCalls)),
                    results -> each(CHAT, setup -> results.median(setup, at(results), Cell::turnOverThreeCalls))),
            new Target("turn_flat", "turn flat", Goal.AT_MOST, 1.15,
                    results -> worst(CHAT, setup -> results.flat(setup, TURN_P50)),
                    results -> each(CHAT, setup -> results.flat(setup, TURN_P50))),
            new Target("router_wb_cpu_per_msg_vs_redis", "router wb client CPU per message / redis beside", Goal.AT_MOST,
                    1.5, Results::cpuPerMessageVsBeside),
            new Target("hot_turn_durable_reads", "Firestore documents read in warm turns", Goal.AT_MOST, 0,
                    results -> results.hotTurnDurableReads.values().stream().mapToLong(HotTurns.Reads::turns).max()
                            .orElse(-1),
                    results -> String.format(Locale.ROOT, "%,d turns at %,d messages: ", results.mode.hotTurns(),
                            results.mode.hotSize()) + results.hotTurnDurableReads.entrySet().stream()
                            .map(entry -> String.format(Locale.ROOT, "%s %,d (as many context reads before them: %,d; the"
                                    + " check after them: %,d)", entry.getKey(), entry.getValue().turns(),
                                    entry.getValue().context(), entry.getValue().check()))
                            .collect(Collectors.joining(", "))));

    /** The keys of the RESULT line, in order. */
    static final List<String> KEYS = TARGETS.stream().map(Target::key).toList();

    private Targets() {
    }

    /** @return the RESULT line's values, by key */
    static Map<String, Double> values(Results results) {
        Map<String, Double> values = new LinkedHashMap<>();
        TARGETS.forEach(target -> values.put(target.key(), target.value().applyAsDouble(results)));
        return values;
    }

    /** Prints the table of targets, then the RESULT line. */
    static void print(Results results, PrintStream out) {
        Map<String, Double> values = values(results);
        out.println("Targets");
        for (Target target : TARGETS) {
            double value = values.get(target.key());
            String label = String.format(Locale.ROOT, target.label(), at(results));
            if (target.goal() == Goal.NONE) {
                out.printf(Locale.ROOT, "  %-50s %7.2f   (no target)%n", label, value);
            } else {
                boolean met = target.goal() == Goal.AT_MOST ? value <= target.bound() : value >= target.bound();
                out.printf(Locale.ROOT, "  %-50s %7.2f   target %s %.2f: %s%n", label, value, target.goal().sign,
                        target.bound(), met ? "met" : "MISSED");
            }
            String detail = target.detail().apply(results);
            if (!detail.isEmpty()) {
                out.printf("    %s%n", detail);
            }
        }
        out.println();
        StringBuilder line = new StringBuilder("RESULT");
        values.forEach((key, value) -> line.append(' ').append(key).append('=')
                .append(String.format(Locale.ROOT, "%.2f", value)));
        out.println(line);
    }

    private static int at(Results results) {
        return results.mode.ratioSize();
    }

    private static double worst(List<Setup> setups, ToDoubleFunction<Setup> value) {
        return setups.stream().mapToDouble(value).max().orElse(Double.NaN);
    }

    private static String each(List<Setup> setups, ToDoubleFunction<Setup> value) {
        return setups.stream().map(setup -> String.format(Locale.ROOT, "%s %.2f", setup.label(), value.applyAsDouble(setup)))
                .collect(Collectors.joining(", "));
    }

    /** @return per configuration, the size whose full policy over bare window was the largest, and that ratio */
    private static String worstSizes(Results results, List<Setup> setups) {
        return setups.stream().map(setup -> {
            int worst = results.cells.get(setup).keySet().stream()
                    .max(Comparator.comparingDouble(size -> results.median(setup, size, Cell::fullOverWindow))).orElseThrow();
            return String.format(Locale.ROOT, "%s %.2f at %,d", setup.label(), results.median(setup, worst, Cell::fullOverWindow),
                    worst);
        }).collect(Collectors.joining(", "));
    }
}
