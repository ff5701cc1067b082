package dev.mnemo.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The scale curve as numbers to draw: per configuration, the p50 and p99 of the append, of the
 * context read and of {@code turn} at every session size (0 where a configuration takes no turns),
 * and the raw Redis floor measured in the same run; medians over rounds, as in the tables, in
 * microseconds. Every run writes it as CSV beside its picture, so that
 * {@link Plot} can draw it again without measuring.
 *
 * <p>The CSV: a {@code # run: } line naming the run, other {@code #} lines as comments, the header
 * {@value #HEADER}, then one row per configuration and size, in the tables' order, and one row named
 * {@value #FLOOR} with no size: the floor is measured once per round, not per size.
 *
 * @param run    which run measured it, shown under the picture's title
 * @param series the configurations, in the tables' order
 * @param floor  raw Lettuce on the same Redis: {@code EVALSHA} of the floor script as the append,
 *               {@code LRANGE -20 -1} as the context read, {@code EVALSHA} of the turn script as the turn
 */
record Curve(String run, List<Series> series, Latency floor) {

    /** The floor's name, in the CSV and in the picture's legend. */
    static final String FLOOR = "raw Redis floor";

    /** The CSV's header line. */
    static final String HEADER = "config,size,append_p50_us,append_p99_us,context_p50_us,context_p99_us,turn_p50_us,turn_p99_us";

    /** How many fields each row of the CSV has. */
    private static final int FIELDS = HEADER.split(",").length;

    private static final String RUN = "# run: ";

    Curve {
        series = List.copyOf(series);
    }

    /**
     * @param appendP50  the append's p50, in microseconds
     * @param appendP99  the append's p99, in microseconds
     * @param contextP50 the context read's p50, in microseconds
     * @param contextP99 the context read's p99, in microseconds
     * @param turnP50    {@code turn}'s p50, in microseconds; 0 when not measured
     * @param turnP99    {@code turn}'s p99, in microseconds; 0 when not measured
     */
    record Latency(double appendP50, double appendP99, double contextP50, double contextP99, double turnP50,
                   double turnP99) {
    }

    /**
     * @param size    the session's length when its turns began, in messages
     * @param latency what the turns at that size measured
     */
    record Point(int size, Latency latency) {
    }

    /**
     * @param name   the configuration's name in the tables
     * @param points one per size, smallest first
     */
    record Series(String name, List<Point> points) {

        Series {
            points = List.copyOf(points);
        }
    }

    /**
     * @param results what a run measured
     * @param run     which run it was, e.g. {@code "full run, 2026-11-30 08:16 to 08:33 UTC"}
     * @return the medians over rounds of every cell's p50 and p99, and of the floor's
     */
    static Curve of(Results results, String run) {
        List<Series> series = new ArrayList<>();
        results.cells.forEach((setup, sizes) -> series.add(new Series(setup.label(), sizes.keySet().stream()
                .map(size -> new Point(size, new Latency(
                        micros(results.median(setup, size, cell -> cell.append().p50())),
                        micros(results.median(setup, size, cell -> cell.append().p99())),
                        micros(results.median(setup, size, cell -> cell.context().p50())),
                        micros(results.median(setup, size, cell -> cell.context().p99())),
                        micros(results.median(setup, size, cell -> cell.turn().p50())),
                        micros(results.median(setup, size, cell -> cell.turn().p99())))))
                .toList())));
        return new Curve(run, series, new Latency(floor(results, cell -> cell.lua().p50()),
                floor(results, cell -> cell.lua().p99()), floor(results, cell -> cell.lrange().p50()),
                floor(results, cell -> cell.lrange().p99()), floor(results, cell -> cell.turn().p50()),
                floor(results, cell -> cell.turn().p99())));
    }

    private static double floor(Results results, ToDoubleFunction<FloorCell> value) {
        return micros(results.floorMedian(value));
    }

    /** Writes the CSV described above, with microseconds to one decimal, as the tables show them. */
    void write(Path file) throws IOException {
        StringBuilder csv = new StringBuilder(RUN).append(run).append('\n')
                .append("# Medians over rounds of each round's p50 and p99, in microseconds (see README.md). The floor\n")
                .append("# row has no size: EVALSHA of the floor script as the append, LRANGE -20 -1 as the context read,\n")
                .append("# EVALSHA of the turn script as the turn. A turn of 0 was not measured.\n")
                .append(HEADER).append('\n');
        series.forEach(line -> line.points().forEach(point -> row(csv, line.name(), Integer.toString(point.size()),
                point.latency())));
        row(csv, FLOOR, "", floor);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, csv, StandardCharsets.UTF_8);
    }

    private static void row(StringBuilder csv, String name, String size, Latency latency) {
        csv.append(String.format(Locale.ROOT, "%s,%s,%.1f,%.1f,%.1f,%.1f,%.1f,%.1f%n", name, size, latency.appendP50(),
                latency.appendP99(), latency.contextP50(), latency.contextP99(), latency.turnP50(), latency.turnP99()));
    }

    /**
     * @param file a CSV as {@link #write} writes it
     * @return the curve it holds
     * @throws IllegalArgumentException naming the file and line, when a line is not as described above
     *                                  or the floor's row is missing
     */
    static Curve read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        String run = "";
        boolean header = false;
        Map<String, List<Point>> series = new LinkedHashMap<>();
        Latency floor = null;
        for (int number = 1; number <= lines.size(); number++) {
            String line = lines.get(number - 1).strip();
            if (line.startsWith(RUN)) {
                run = line.substring(RUN.length());
                continue;
            }
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (!header) {
                require(line.equals(HEADER), file, number, "expected the header " + HEADER);
                header = true;
                continue;
            }
            String[] fields = line.split(",", -1);
            require(fields.length == FIELDS, file, number, "expected " + FIELDS + " fields, found " + fields.length);
            try {
                Latency latency = new Latency(Double.parseDouble(fields[2]), Double.parseDouble(fields[3]),
                        Double.parseDouble(fields[4]), Double.parseDouble(fields[5]), Double.parseDouble(fields[6]),
                        Double.parseDouble(fields[7]));
                if (fields[1].isEmpty()) {
                    require(fields[0].equals(FLOOR), file, number, "only the floor, " + FLOOR + ", has no size");
                    floor = latency;
                } else {
                    series.computeIfAbsent(fields[0], name -> new ArrayList<>())
                            .add(new Point(Integer.parseInt(fields[1]), latency));
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(file + ":" + number + ": " + e.getMessage() + " in '" + line + "'", e);
            }
        }
        require(floor != null, file, lines.size(), "no row for the floor, " + FLOOR);
        List<Series> list = new ArrayList<>();
        series.forEach((name, points) -> list.add(new Series(name, points)));
        return new Curve(run, list, floor);
    }

    private static void require(boolean condition, Path file, int line, String expected) {
        if (!condition) {
            throw new IllegalArgumentException(file + ":" + line + ": " + expected);
        }
    }

    private static double micros(double nanos) {
        return nanos / 1e3;
    }
}
