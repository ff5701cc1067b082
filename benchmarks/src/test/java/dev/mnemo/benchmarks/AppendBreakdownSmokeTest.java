package dev.mnemo.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs the append breakdown in its smoke mode against a real redis-server and Firestore emulator,
 * and checks that every step was measured and printed, never how fast: timings are the benchmark's.
 */
class AppendBreakdownSmokeTest {

    @Test
    void smokeRunMeasuresAndPrintsEveryStepWithoutFailedAppends() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        List<Double> p50s = AppendBreakdown.run(Mode.SMOKE, new PrintStream(printed, true, StandardCharsets.UTF_8),
                new PrintStream(OutputStream.nullOutputStream()));

        assertThat(p50s).hasSize(6).allSatisfy(p50 -> assertThat(p50).isPositive());
        String table = printed.toString(StandardCharsets.UTF_8);
        assertThat(table.lines().filter(line -> line.startsWith("  ")).count()).isEqualTo(7); // header and six steps
        assertThat(table).contains("  router wb ").doesNotContain("appends failed", "turns failed");
    }
}
