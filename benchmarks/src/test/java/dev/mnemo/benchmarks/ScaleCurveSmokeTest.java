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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Runs the whole runner once in its smoke mode against a real redis-server and Firestore emulator,
 * and checks what it measured and printed, never how fast anything was: timing thresholds belong
 * to the benchmark.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScaleCurveSmokeTest {

    private static final List<Setup> CHAT = List.of(Setup.REDIS, Setup.ROUTER_WRITE_THROUGH, Setup.ROUTER_WRITE_BEHIND);

    private Results results;
    private String printed;

    @BeforeAll
    void run() {
        results = ScaleCurve.run(Mode.SMOKE, new PrintStream(OutputStream.nullOutputStream()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Report.print(results, new PrintStream(out, true, StandardCharsets.UTF_8));
        printed = out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void resultLineEndsTheOutputWithEveryKeyAndAFiniteValue() {
        List<String> lines = printed.strip().lines().toList();
        String last = lines.get(lines.size() - 1);
        assertThat(last).startsWith("RESULT ");
        Map<String, Double> values = new LinkedHashMap<>();
        Arrays.stream(last.substring("RESULT ".length()).split(" ")).forEach(pair -> {
            String[] parts = pair.split("=", 2);
            values.put(parts[0], Double.parseDouble(parts[1]));
        });
        assertThat(values.keySet()).containsExactlyElementsOf(Targets.KEYS);
        values.forEach((key, value) -> assertThat(value).as(key).isFinite().isNotNegative());
        assertThat(lines).anyMatch(line -> line.startsWith("  raw RPUSH"))
                .anyMatch(line -> line.startsWith("router wb ") && line.contains(" 100 "))
                .anyMatch(line -> line.startsWith("Full chat policy"))
                .anyMatch(line -> line.startsWith("turn (one user message"))
                .anyMatch(line -> line.startsWith("  redis beside "))
                .anyMatch(line -> line.startsWith("  this JVM's CPU per acknowledged message"));
    }

    @Test
    void turnIsTimedAtEverySizeThroughRedisAndTheThreeCallsBesideItAtTheRatioSize() {
        for (Setup setup : Setup.values()) {
            results.cells.get(setup).forEach((size, rounds) -> assertThat(rounds).as("%s at %d", setup, size)
                    .allSatisfy(cell -> {
                        assertThat(cell.append().count()).isPositive();
                        assertThat(cell.turn().count() > 0).isEqualTo(CHAT.contains(setup));
                        assertThat(cell.threeCalls().count() > 0)
                                .isEqualTo(CHAT.contains(setup) && size == Mode.SMOKE.ratioSize());
                    }));
        }
        assertThat(results.beside).allSatisfy(cell -> assertThat(cell.turn().count()).isPositive());
    }

    @Test
    void floorTimesTheTurnScriptBesideTheOthers() {
        assertThat(results.floor).isNotEmpty().allSatisfy(floor -> {
            assertThat(floor.turn().count()).isEqualTo(floor.lua().count()).isPositive();
            assertThat(floor.turn().p50()).isPositive();
        });
    }

    @Test
    void warmContextReadsReadNothingFromFirestoreWhileTheCheckAfterThemIsCounted() {
        assertThat(results.hotTurnDurableReads.keySet()).containsExactly(Setup.ROUTER_WRITE_THROUGH.label(),
                Setup.ROUTER_WRITE_BEHIND.label());
        assertThat(results.hotTurnDurableReads.values()).allSatisfy(reads -> {
            assertThat(reads.context()).isZero(); // every built-in policy of a warm session is served by Redis
            assertThat(reads.check()).isPositive(); // and the counter counts what this tier reads
        });
    }

    @Test
    void clientCpuPerMessageIsTakenForTheRouterAndForRedisAloneInEveryRepeat() {
        assertThat(results.crowdCpuVsBeside).hasSize(Mode.SMOKE.rounds()).allSatisfy(pair -> {
            assertThat(pair.router()).isPositive();
            assertThat(pair.beside()).isPositive();
        });
    }

    @Test
    void noAcknowledgedMessageWasLostAndNoCallFailed() {
        // Degraded answers may be the machine's load; lost messages and failed calls are the runner's or Mnemo's errors.
        assertThat(printed).doesNotContain("DURABLE", "turns failed", "appends failed");
    }
}
