package dev.mnemo.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mnemo.benchmarks.Curve.Latency;
import dev.mnemo.benchmarks.Curve.Point;
import dev.mnemo.benchmarks.Curve.Series;
import dev.mnemo.benchmarks.Latencies.Percentiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The curve a run hands to {@link Plot}, and its CSV. */
class CurveTest {

    @TempDir
    Path dir;

    @Test
    void curveOfResultsTakesTheMedianOverRoundsInMicroseconds() {
        Results results = new Results(Mode.SMOKE);
        for (long nanos : new long[] {3_000, 1_000, 2_000}) {
            results.add(Setup.REDIS, 10, new Cell(percentiles(nanos), percentiles(2 * nanos), percentiles(0),
                    percentiles(0), percentiles(5 * nanos), percentiles(0), Servers.Cpu.ZERO));
            results.floor.add(new FloorCell(percentiles(nanos), percentiles(3 * nanos), percentiles(4 * nanos),
                    percentiles(6 * nanos)));
        }

        Curve curve = Curve.of(results, "a run");

        assertThat(curve.series())
                .containsExactly(new Series("redis", List.of(new Point(10, new Latency(2, 20, 4, 40, 10, 100)))));
        assertThat(curve.floor()).isEqualTo(new Latency(6, 60, 8, 80, 12, 120));
    }

    @Test
    void writtenCurveReadsBackEqual() throws Exception {
        Curve curve = new Curve("quick run, 2026-12-01 10:00 to 10:03 UTC", List.of(
                new Series("memory", List.of(new Point(10, new Latency(2.8, 13.2, 2.7, 4.3, 0, 0)),
                        new Point(10_000, new Latency(3.7, 14.0, 4.1, 6.3, 0, 0)))),
                new Series("redis", List.of(new Point(10, new Latency(86.1, 181.6, 96.4, 178.7, 120.5, 240.1))))),
                new Latency(70.6, 152.1, 66.9, 135.9, 81.2, 160.3));
        Path csv = dir.resolve("curve.csv");

        curve.write(csv);

        assertThat(Curve.read(csv)).isEqualTo(curve);
    }

    @Test
    void curveWithoutTheFloorIsRefusedNamingTheFile() throws Exception {
        Path csv = dir.resolve("curve.csv");
        Files.writeString(csv, Curve.HEADER + "\nredis,10,1,2,3,4,5,6\n");

        assertThatThrownBy(() -> Curve.read(csv)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(csv.toString()).hasMessageContaining(Curve.FLOOR);
    }

    @Test
    void publishedCurveHoldsEveryConfigurationAtEverySizeOfTheFullMode() throws Exception {
        Curve published = Curve.read(Path.of(ScaleCurve.CSV)); // surefire runs in the module's directory

        assertThat(published.series()).extracting(Series::name)
                .containsExactly(List.of(Setup.values()).stream().map(Setup::label).toArray(String[]::new));
        assertThat(published.series()).allSatisfy(series -> assertThat(series.points()).extracting(Point::size)
                .containsExactlyElementsOf(Mode.FULL.sizes()));
        assertThat(published.run()).startsWith("full run");
    }

    private static Percentiles percentiles(long nanos) {
        return new Percentiles(nanos, 10 * nanos, 1);
    }
}
