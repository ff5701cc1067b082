package dev.mnemo.benchmarks;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * Everything one run measured: the floor and every cell per round, the cells of Mnemo over Redis
 * measured beside the write-behind router, and the crowds. Ratios are taken within each round,
 * against that round's own measurements, and the median over rounds is reported, so that a slow
 * stretch of the machine shifts both sides of a ratio alike.
 */
final class Results {

    /** The name in the crowds of Mnemo over Redis alone, run beside the write-behind router. */
    static final String BESIDE_CROWD = "redis beside";

    final Mode mode;
    final List<FloorCell> floor = new ArrayList<>();
    final Map<Setup, Map<Integer, List<Cell>>> cells = new EnumMap<>(Setup.class);
    final Map<Setup, List<Cell>> references = new EnumMap<>(Setup.class);
    final Map<String, Crowd.Result> crowds = new LinkedHashMap<>();
    final Map<String, String> crowdNotes = new LinkedHashMap<>();
    final Map<String, String> curveNotes = new LinkedHashMap<>();
    final List<String> load = new ArrayList<>();
    final Map<String, Double> crowdFloors = new LinkedHashMap<>();
    /** Per round, Mnemo over Redis at {@link Mode#ratioSize()}, its turns alternating with the write-behind router's. */
    final List<Cell> beside = new ArrayList<>();
    /** Per repeat, the write-behind router's crowd throughput over that of Mnemo over Redis in the same repeat. */
    final List<Double> crowdRatiosVsBeside = new ArrayList<>();
    /**
     * Per repeat, this JVM's CPU per message acknowledged in the write-behind router's crowd, to the end
     * of its drain, and in the crowd of Mnemo over Redis in the same repeat, in nanoseconds.
     */
    final List<CpuPair> crowdCpuVsBeside = new ArrayList<>();
    /** Per configuration, the documents its durable tier read during the warm turns of {@link HotTurns}. */
    final Map<String, HotTurns.Reads> hotTurnDurableReads = new LinkedHashMap<>();
    /** Per configuration with a durable tier, per crowd, milliseconds from the last acknowledgement until it held all. */
    final Map<String, List<Double>> drains = new LinkedHashMap<>();

    Results(Mode mode) {
        this.mode = mode;
    }

    /** Records a cell of one round. */
    void add(Setup setup, int size, Cell cell) {
        cells.computeIfAbsent(setup, key -> new TreeMap<>()).computeIfAbsent(size, key -> new ArrayList<>()).add(cell);
    }

    /** Records a cell of the smallest size measured beside the largest sizes, in the same rounds. */
    void addReference(Setup setup, Cell cell) {
        references.computeIfAbsent(setup, key -> new ArrayList<>()).add(cell);
    }

    /** @return the median over rounds of {@code value} of the cell */
    double median(Setup setup, int size, ToDoubleFunction<Cell> value) {
        return median(cells.get(setup).get(size).stream().mapToDouble(value).toArray());
    }

    /** @return the median over rounds of {@code value} of the floor */
    double floorMedian(ToDoubleFunction<FloorCell> value) {
        return median(floor.stream().mapToDouble(value).toArray());
    }

    /** @return the median over rounds of a cell's p50 over the same round's floor p50 */
    double vsFloor(Setup setup, int size, ToDoubleFunction<Cell> cell, ToDoubleFunction<FloorCell> floorValue) {
        List<Cell> rounds = cells.get(setup).get(size);
        double[] ratios = new double[Math.min(rounds.size(), floor.size())];
        for (int r = 0; r < ratios.length; r++) {
            ratios[r] = cell.applyAsDouble(rounds.get(r)) / floorValue.applyAsDouble(floor.get(r));
        }
        return median(ratios);
    }

    /**
     * @return the median over rounds of a value at the largest size over the same round's value at
     *         the smallest: the reference cells when the largest size was measured apart
     */
    double flat(Setup setup, ToDoubleFunction<Cell> value) {
        return ratio(cells.get(setup).get(mode.largest()),
                references.getOrDefault(setup, cells.get(setup).get(mode.smallest())), value);
    }

    /** @return the median over rounds of a value at size {@code large} over the same round's at {@code small} */
    double flat(Setup setup, int large, int small, ToDoubleFunction<Cell> value) {
        return ratio(cells.get(setup).get(large), cells.get(setup).get(small), value);
    }

    private static double ratio(List<Cell> large, List<Cell> small, ToDoubleFunction<Cell> value) {
        double[] ratios = new double[Math.min(large.size(), small.size())];
        for (int r = 0; r < ratios.length; r++) {
            ratios[r] = value.applyAsDouble(large.get(r)) / value.applyAsDouble(small.get(r));
        }
        return median(ratios);
    }

    /** @return the median over rounds of a cell's value over that of Mnemo over Redis beside it in the same round */
    double vsBeside(Setup setup, ToDoubleFunction<Cell> value) {
        List<Cell> rounds = cells.get(setup).get(mode.ratioSize());
        return ratio(rounds, beside, value);
    }

    /** @return the median over repeats of the write-behind crowd's throughput over Mnemo over Redis's */
    double throughputVsBeside() {
        return median(crowdRatiosVsBeside.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** @return the median over repeats of the write-behind router's client CPU per acknowledged message over Redis alone's */
    double cpuPerMessageVsBeside() {
        return median(crowdCpuVsBeside.stream().mapToDouble(pair -> pair.router() / pair.beside()).toArray());
    }

    /**
     * This JVM's CPU per acknowledged message in one crowd repeat, in nanoseconds.
     *
     * @param router the write-behind router's, from the crowd's release to the end of its drain
     * @param beside Mnemo over Redis alone's, from the release to the last acknowledgement
     */
    record CpuPair(double router, double beside) {
    }

    /** @return the median over crowds of a configuration's drain, in milliseconds; NaN without a durable tier */
    double drainMillis(Setup setup) {
        return median(drains.getOrDefault(setup.label(), List.of()).stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** @return a crowd's throughput over raw Lettuce RPUSH's, measured right before it */
    double throughputVsFloor(Setup setup) {
        return crowds.get(setup.label()).throughput() / crowdFloors.get(setup.label());
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
