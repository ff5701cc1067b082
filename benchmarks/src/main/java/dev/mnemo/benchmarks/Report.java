package dev.mnemo.benchmarks;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * Prints what a run measured: the floor, the scale curve, the flatness of every configuration,
 * the crowds, the tables set side by side ({@link SideBySide}), and last the targets and the
 * {@code RESULT} line ({@link Targets}). Latencies are medians over rounds of each round's p50 and
 * p99; CPU is per turn (of any kind) or per append in the crowds, in microseconds of this JVM /
 * redis-server / the emulator.
 */
final class Report {

    private static final ToDoubleFunction<Cell> APPEND_P50 = cell -> cell.append().p50();
    private static final ToDoubleFunction<Cell> CONTEXT_P50 = cell -> cell.context().p50();

    private final Results results;
    private final PrintStream out;

    private Report(Results results, PrintStream out) {
        this.results = results;
        this.out = out;
    }

    /** Prints the tables and ends with the RESULT line. */
    static void print(Results results, PrintStream out) {
        Report report = new Report(results, out);
        report.header();
        report.floor();
        report.curve();
        report.flatness();
        report.crowds();
        SideBySide.print(results, out);
        Targets.print(results, out);
    }

    private void header() {
        Mode mode = results.mode;
        out.printf("Mnemo scale curve: mode %s, sizes %s, %d round(s), %d turns per cell at most (%s budget)%n",
                mode.name(), mode.sizes(), mode.rounds(), mode.samples(), mode.cellBudget());
        out.println("Latencies: median over rounds of each round's p50 / p99. A turn is one append of one message and");
        out.println("one context read (summary + last 20); in redis, router wt and router wb also one read of the full chat");
        out.println("policy and one of the bare window. There the turns rotate over kinds: that one; a turn call (one user");
        out.printf("message and the full policy, in one call); and at %,d the three calls it stands for (tables below).%n",
                mode.ratioSize());
        out.println("CPU in us per turn, of any kind: this JVM / redis-server / emulator.");
        out.println("Load average (1/5/15 min) at start and end: " + String.join("  |  ", results.load)
                + "; the machine's other work shows in the timings.");
        out.println();
    }

    private void floor() {
        out.println("Floor: raw Lettuce on the same Redis, its turns alternating with the redis configuration's");
        out.println("                                               p50          p99");
        floorRow("RPUSH", cell -> cell.rpush().p50(), cell -> cell.rpush().p99());
        floorRow("EVALSHA RPUSH+LTRIM+EXPIRE+INCR", cell -> cell.lua().p50(), cell -> cell.lua().p99());
        floorRow("LRANGE -20 -1", cell -> cell.lrange().p50(), cell -> cell.lrange().p99());
        floorRow("EVALSHA RPUSH+LTRIM+LRANGE -40 -1 (turn)", cell -> cell.turn().p50(), cell -> cell.turn().p99());
        out.println();
    }

    private void floorRow(String name, ToDoubleFunction<FloorCell> p50, ToDoubleFunction<FloorCell> p99) {
        out.printf("  %-40s %11s  %11s%n", name, time(results.floorMedian(p50)), time(results.floorMedian(p99)));
    }

    private void curve() {
        out.printf("%-10s %8s  %11s %11s  %11s %11s  %6s  %s%n", "config", "size", "append p50", "append p99",
                "context p50", "context p99", "turns", "cpu/turn us");
        results.cells.forEach((setup, sizes) -> {
            sizes.forEach((size, rounds) -> out.printf("%-10s %8d  %11s %11s  %11s %11s  %6.0f  %s%n", setup.label(),
                    size, time(results.median(setup, size, APPEND_P50)),
                    time(results.median(setup, size, cell -> cell.append().p99())),
                    time(results.median(setup, size, CONTEXT_P50)),
                    time(results.median(setup, size, cell -> cell.context().p99())),
                    results.median(setup, size, Cell::turns),
                    cpu(results.median(setup, size, cell -> cell.cpu().client()),
                            results.median(setup, size, cell -> cell.cpu().redis()),
                            results.median(setup, size, cell -> cell.cpu().emulator()))));
            for (String key : List.of(setup.label(), setup.label() + " failures")) {
                String note = results.curveNotes.get(key);
                if (note != null) {
                    out.printf("%-10s %s%n", "", note);
                }
            }
            out.println();
        });
    }

    private void flatness() {
        out.printf("Flatness: p50 at %,d over p50 at %,d (median of rounds' ratios)%n", results.mode.largest(),
                results.mode.smallest());
        if (!results.references.isEmpty()) {
            out.printf("(%,d was measured in a part of its own, on a fresh emulator, in rounds with fresh sessions of %,d:%n"
                    + " the ratio is taken against those, p50 append / context there: %s)%n", results.mode.largest(),
                    results.mode.smallest(),
                    results.references.keySet().stream().map(setup -> setup.label() + " " + time(Results.median(
                            results.references.get(setup).stream().mapToDouble(APPEND_P50).toArray())) + " / " + time(Results.median(
                            results.references.get(setup).stream().mapToDouble(CONTEXT_P50).toArray())))
                            .collect(Collectors.joining(", ")));
        }
        boolean between = results.mode.sizes().containsAll(List.of(100, 10_000));
        if (between) {
            out.println("and, as every read of both returns a full 20 messages, p50 at 10,000 over p50 at 100:");
        }
        results.cells.keySet().forEach(setup -> out.printf("  %-10s append %5.2f   context %5.2f%s%n", setup.label(),
                results.flat(setup, APPEND_P50), results.flat(setup, CONTEXT_P50), !between ? ""
                        : String.format(Locale.ROOT, "      10,000/100: append %5.2f   context %5.2f",
                                results.flat(setup, 10_000, 100, APPEND_P50), results.flat(setup, 10_000, 100, CONTEXT_P50))));
        out.println();
    }

    private void crowds() {
        out.printf("%d sessions growing to %,d messages each, one thread per session%n", results.mode.sessions(),
                results.mode.messagesPerSession());
        out.printf("  %-12s %10s %10s %10s  %13s %6s  %-22s %s%n", "config", "appends/s", "p50", "p99",
                "RPUSH/s before", "ratio", "cpu/append us", "notes");
        results.crowds.forEach((name, crowd) -> {
            Double rpush = results.crowdFloors.get(name);
            String notes = results.crowdNotes.getOrDefault(name, "")
                    + (crowd.failures() > 0 ? " " + crowd.failures() + " appends failed" : "");
            out.printf("  %-12s %10.0f %10s %10s  %13s %6s  %-22s %s%n", name, crowd.throughput(),
                    time(crowd.latency().p50()), time(crowd.latency().p99()),
                    rpush == null ? "" : String.format(Locale.ROOT, "%.0f", rpush),
                    rpush == null ? "" : String.format(Locale.ROOT, "%.2f", crowd.throughput() / rpush),
                    cpu(crowd.cpu().client(), crowd.cpu().redis(), crowd.cpu().emulator()), notes.trim());
        });
        out.println();
    }

    private static String cpu(double client, double redis, double emulator) {
        return String.format(Locale.ROOT, "%.0f / %.0f / %.0f", client / 1e3, redis / 1e3, emulator / 1e3);
    }

    /** @return nanoseconds in us below a millisecond, else ms below a second, else s */
    static String time(double nanos) {
        if (nanos < 1e6) {
            return String.format(Locale.ROOT, "%.1fus", nanos / 1e3);
        }
        if (nanos < 1e9) {
            return String.format(Locale.ROOT, "%.2fms", nanos / 1e6);
        }
        return String.format(Locale.ROOT, "%.2fs", nanos / 1e9);
    }
}
