package dev.mnemo.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Runs the whole runner in its smoke mode against a real redis-server and Firestore emulator, and
 * checks what it prints, never how fast anything was: timing thresholds belong to the benchmark.
 */
class ScaleCurveSmokeTest {

    @Test
    void smokeRunEndsWithTheResultLineHoldingEveryKeyWithAFiniteValue() {
        Results results = ScaleCurve.run(Mode.SMOKE, new PrintStream(OutputStream.nullOutputStream()));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Report.print(results, new PrintStream(printed, true, StandardCharsets.UTF_8));

        List<String> lines = printed.toString(StandardCharsets.UTF_8).strip().lines().toList();
        String last = lines.get(lines.size() - 1);
        assertThat(last).startsWith("RESULT ");
        Map<String, Double> values = new LinkedHashMap<>();
        Arrays.stream(last.substring("RESULT ".length()).split(" ")).forEach(pair -> {
            String[] parts = pair.split("=", 2);
            values.put(parts[0], Double.parseDouble(parts[1]));
        });
        assertThat(values.keySet()).containsExactlyElementsOf(Report.KEYS);
        assertThat(values.values()).allSatisfy(value -> assertThat(value).isFinite().isPositive());
        assertThat(lines).anyMatch(line -> line.startsWith("  raw RPUSH"))
                .anyMatch(line -> line.startsWith("router wb ") && line.contains(" 100 "))
                .anyMatch(line -> line.startsWith("Full chat policy"))
                .anyMatch(line -> line.startsWith("  redis beside "));
        // Lost messages and failed calls are the runner's or Mnemo's errors; degraded answers may be the machine's load.
        assertThat(printed.toString(StandardCharsets.UTF_8)).doesNotContain("DURABLE", "turns failed", "appends failed");
    }
}
