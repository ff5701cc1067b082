package dev.mnemo.benchmarks;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * Prints what was measured side by side: the full chat policy beside the bare window, in the same
 * turns, per configuration and size; {@code turn} beside the three calls it stands for, in the same
 * rounds; and the write-behind router beside Mnemo over Redis alone, in alternating blocks of the
 * same rounds and in the same crowd repeats, with the router's drain and its client CPU per
 * message. Ratios are medians over rounds (or repeats) of each one's ratio.
 */
final class SideBySide {

    private final Results results;
    private final PrintStream out;

    private SideBySide(Results results, PrintStream out) {
        this.results = results;
        this.out = out;
    }

    /** Prints both tables. */
    static void print(Results results, PrintStream out) {
        SideBySide tables = new SideBySide(results, out);
        tables.policies();
        tables.turns();
        tables.router();
    }

    private void policies() {
        out.printf("Full chat policy (system prompt + summary + last %d + tool-result compaction + budget of 8,000 tokens)%n",
                ChatPolicy.WINDOW_MESSAGES);
        out.printf("against the bare window (last %d), read in the same turns, in alternating order%n", ChatPolicy.WINDOW_MESSAGES);
        out.printf("%-10s %8s  %11s %11s  %11s %11s  %11s%n", "config", "size", "full p50", "full p99", "window p50",
                "window p99", "full/window");
        List<Setup> setups = results.cells.keySet().stream().filter(Setup::readsPolicies).toList();
        for (Setup setup : setups) {
            results.cells.get(setup).forEach((size, rounds) -> out.printf(Locale.ROOT, "%-10s %8d  %11s %11s  %11s %11s  %11.2f%n",
                    setup.label(), size, Report.time(results.median(setup, size, cell -> cell.full().p50())),
                    Report.time(results.median(setup, size, cell -> cell.full().p99())),
                    Report.time(results.median(setup, size, cell -> cell.window().p50())),
                    Report.time(results.median(setup, size, cell -> cell.window().p99())),
                    results.median(setup, size, Cell::fullOverWindow)));
        }
        out.printf("  full p50 at %,d over p50 at %,d: %s%n", results.mode.largest(), results.mode.smallest(),
                setups.stream().map(setup -> String.format(Locale.ROOT, "%s %.2f", setup.label(),
                        results.flat(setup, cell -> cell.full().p50()))).collect(Collectors.joining(", ")));
        out.println();
    }

    private void turns() {
        out.println("turn (one user message and the full chat policy, in one call) against the three calls a chatbot makes");
        out.println("today (append the user's message, read the full policy, append the answer; timed as one), same rounds");
        out.printf("%-10s %8s  %11s %11s  %11s %11s  %11s%n", "config", "size", "turn p50", "turn p99", "three p50",
                "three p99", "turn/three");
        results.cells.keySet().stream().filter(Setup::readsPolicies).forEach(setup -> results.cells.get(setup).forEach(
                (size, rounds) -> {
                    boolean three = rounds.get(0).threeCalls().count() > 0;
                    out.printf(Locale.ROOT, "%-10s %8d  %11s %11s  %11s %11s  %11s%n", setup.label(), size,
                            Report.time(results.median(setup, size, cell -> cell.turn().p50())),
                            Report.time(results.median(setup, size, cell -> cell.turn().p99())),
                            three ? Report.time(results.median(setup, size, cell -> cell.threeCalls().p50())) : "",
                            three ? Report.time(results.median(setup, size, cell -> cell.threeCalls().p99())) : "",
                            three ? String.format(Locale.ROOT, "%.2f", results.median(setup, size, Cell::turnOverThreeCalls))
                                    : "");
                }));
        out.println();
    }

    private void router() {
        if (results.beside.isEmpty()) {
            return;
        }
        int at = results.mode.ratioSize();
        out.printf("router wb next to Mnemo over Redis alone (redis beside), their turns alternating, at %,d messages%n", at);
        out.printf("  %-12s %11s %11s  %11s  %11s  %11s  %s%n", "config", "append p50", "append p99", "context p50",
                "full p50", "turn p50", "cpu/turn us");
        besideRow("redis beside", results.beside);
        besideRow(Setup.ROUTER_WRITE_BEHIND.label(), results.cells.get(Setup.ROUTER_WRITE_BEHIND).get(at));
        out.printf(Locale.ROOT, "  router wb over redis beside (median of rounds' ratios): append %.2f, context %.2f, full %.2f,"
                        + " turn %.2f%n",
                results.vsBeside(Setup.ROUTER_WRITE_BEHIND, cell -> cell.append().p50()),
                results.vsBeside(Setup.ROUTER_WRITE_BEHIND, cell -> cell.context().p50()),
                results.vsBeside(Setup.ROUTER_WRITE_BEHIND, cell -> cell.full().p50()),
                results.vsBeside(Setup.ROUTER_WRITE_BEHIND, cell -> cell.turn().p50()));
        Crowd.Result redis = results.crowds.get(Results.BESIDE_CROWD);
        Crowd.Result router = results.crowds.get(Setup.ROUTER_WRITE_BEHIND.label());
        if (redis != null && router != null) {
            out.printf(Locale.ROOT, "  %d sessions: router wb %.0f appends/s, redis beside %.0f; ratio %.2f (median of %d repeats)%n",
                    results.mode.sessions(), router.throughput(), redis.throughput(), results.throughputVsBeside(),
                    results.crowdRatiosVsBeside.size());
            out.printf(Locale.ROOT, "  this JVM's CPU per acknowledged message there: router wb %.0f us (to the end of its drain),"
                            + " redis beside %.0f us; ratio %.2f (median; repeats, router wb / redis beside: %s)%n",
                    Results.median(results.crowdCpuVsBeside.stream().mapToDouble(Results.CpuPair::router).toArray()) / 1e3,
                    Results.median(results.crowdCpuVsBeside.stream().mapToDouble(Results.CpuPair::beside).toArray()) / 1e3,
                    results.cpuPerMessageVsBeside(), results.crowdCpuVsBeside.stream().map(pair -> String.format(Locale.ROOT,
                            "%.0f / %.0f us", pair.router() / 1e3, pair.beside() / 1e3)).collect(Collectors.joining(", ")));
        }
        List<Double> drains = results.drains.getOrDefault(Setup.ROUTER_WRITE_BEHIND.label(), List.of());
        out.printf(Locale.ROOT, "  drain: %.0f ms from the last acknowledgement until Firestore held every message (median; runs: %s)%n",
                results.drainMillis(Setup.ROUTER_WRITE_BEHIND),
                drains.stream().map(ms -> String.format(Locale.ROOT, "%.0f", ms)).collect(Collectors.joining(" ")));
        out.println();
    }

    private void besideRow(String name, List<Cell> rounds) {
        out.printf("  %-12s %11s %11s  %11s  %11s  %11s  %s%n", name, Report.time(median(rounds, cell -> cell.append().p50())),
                Report.time(median(rounds, cell -> cell.append().p99())), Report.time(median(rounds, cell -> cell.context().p50())),
                Report.time(median(rounds, cell -> cell.full().p50())), Report.time(median(rounds, cell -> cell.turn().p50())),
                String.format(Locale.ROOT, "%.0f / %.0f / %.0f",
                        median(rounds, cell -> cell.cpu().client()) / 1e3, median(rounds, cell -> cell.cpu().redis()) / 1e3,
                        median(rounds, cell -> cell.cpu().emulator()) / 1e3));
    }

    private static double median(List<Cell> rounds, ToDoubleFunction<Cell> value) {
        return Results.median(rounds.stream().mapToDouble(value).toArray());
    }
}
