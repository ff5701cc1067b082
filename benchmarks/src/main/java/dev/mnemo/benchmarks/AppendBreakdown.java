package dev.mnemo.benchmarks;

import dev.mnemo.MnemoConfig;
import dev.mnemo.WriteMode;
import dev.mnemo.tokens.TokenCounters;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Where the write-behind router's append spends its time beyond the Redis tier's: append-only
 * turns, at one session size, of configurations that each show one piece of the router, their
 * blocks alternating as the scale curve's do, in rounds: the Redis tier through the SPI, with and
 * without its journal (the script the router's append runs); Mnemo over Redis alone; Mnemo over
 * Redis with the memory fallback (two tiers: each behind its breaker and time limit); Redis with
 * Firestore in write-behind (journal, flusher, the durable tier's work behind); and the whole
 * router. It prints, per step, the median over rounds of each round's p50 and p99, that p50 over
 * Mnemo over Redis alone's in the same round, and the CPU per append of this JVM / redis-server /
 * the emulator.
 *
 * <p>Usage: {@code AppendBreakdown [quick|full|smoke]}, default {@code quick}: rounds of 10 s (1 s in
 * smoke), as many as the {@link Mode} has, at its {@link Mode#ratioSize()} (10,000; 100 in smoke),
 * after a warm-up as long as a round. Longer rounds would send the emulator more messages than its
 * heap holds (see {@link Servers#restartFirestore()}). Progress goes to stderr.
 */
public final class AppendBreakdown {

    /** The steps, in the order of the table. */
    private static final List<Step> STEPS = List.of(
            new Step("redis spi", servers -> new StoreSubject("redis spi", Setup.redis(servers), false)),
            new Step("+ journal", servers -> new StoreSubject("+ journal", Setup.redis(servers), true)),
            new Step("redis", servers -> Setup.mnemo("redis", "breakdown-redis", WriteMode.WRITE_THROUGH, false,
                    Setup.redis(servers))),
            new Step("+ fallback", servers -> Setup.mnemo("+ fallback", "breakdown-fallback", WriteMode.WRITE_THROUGH, false,
                    Setup.redis(servers), Setup.memory())),
            new Step("+ firestore wb", servers -> Setup.mnemo("+ firestore wb", "breakdown-wb", WriteMode.WRITE_BEHIND, false,
                    Setup.redis(servers), Setup.firestore(servers))),
            new Step("router wb", servers -> Setup.mnemo("router wb", "breakdown-router", WriteMode.WRITE_BEHIND, false,
                    Setup.redis(servers), Setup.firestore(servers), Setup.memory())));

    /** The step the ratios are taken against. */
    private static final String BASE = "redis";

    private record Step(String name, Function<Servers, Subject> open) {
    }

    private AppendBreakdown() {
    }

    /**
     * Measures the steps and prints the table on stdout.
     *
     * @param args the mode: {@code quick} (default), {@code full} or {@code smoke}
     */
    public static void main(String[] args) {
        Mode mode = Mode.named(args.length == 0 ? "quick" : args[0]);
        run(mode, System.out, System.err);
        System.exit(0); // driver threads (gRPC, Netty) must not keep the JVM up
    }

    /** @return the seconds of one round in {@code mode} */
    static int seconds(Mode mode) {
        return mode == Mode.SMOKE ? 1 : 10;
    }

    /**
     * @return per step, in the order of {@link #STEPS}, the median over rounds of its append p50, in nanoseconds
     */
    static List<Double> run(Mode mode, PrintStream out, PrintStream log) {
        int seconds = seconds(mode);
        int size = mode.ratioSize();
        Conversation conversation = new Conversation(TokenCounters.forModel(MnemoConfig.DEFAULT_TOKEN_MODEL));
        List<Subject> subjects = new ArrayList<>();
        try (Servers servers = Servers.start()) {
            List<SessionPool> pools = new ArrayList<>();
            for (Step step : STEPS) {
                Subject subject = step.open().apply(servers);
                subjects.add(subject);
                pools.add(new SessionPool(subject, conversation, "b", size));
            }
            AppendBlocks blocks = new AppendBlocks(servers, conversation);
            blocks.run(pools, seconds, null); // warm-up: as long as a round, untimed
            log.println("breakdown: warmed up");
            List<List<AppendBlocks.Measured>> measured = new ArrayList<>();
            for (int round = 0; round < mode.rounds(); round++) {
                System.gc();
                measured.add(blocks.run(pools, seconds, new ArrayList<>()));
                log.printf("breakdown: round %d done%n", round + 1);
            }
            return print(measured, size, out);
        } finally {
            subjects.forEach(Subject::close);
        }
    }

    private static List<Double> print(List<List<AppendBlocks.Measured>> rounds, int size, PrintStream out) {
        int base = STEPS.stream().map(Step::name).toList().indexOf(BASE);
        out.printf("Append-only turns at %,d messages, the steps' blocks alternating; median over %d rounds%n", size, rounds.size());
        out.printf("  %-16s %11s %11s  %9s  %s%n", "step", "append p50", "append p99", "over redis", "cpu/append us");
        List<Double> p50s = new ArrayList<>();
        for (int i = 0; i < STEPS.size(); i++) {
            int step = i;
            double p50 = median(rounds, round -> (double) round.get(step).latency().p50());
            p50s.add(p50);
            out.printf(Locale.ROOT, "  %-16s %11s %11s  %9.2f  %.0f / %.0f / %.0f%s%n", STEPS.get(i).name(), Report.time(p50),
                    Report.time(median(rounds, round -> (double) round.get(step).latency().p99())),
                    median(rounds, round -> (double) round.get(step).latency().p50() / round.get(base).latency().p50()),
                    median(rounds, round -> round.get(step).cpu().client() / 1e3),
                    median(rounds, round -> round.get(step).cpu().redis() / 1e3),
                    median(rounds, round -> round.get(step).cpu().emulator() / 1e3),
                    degraded(rounds, step));
        }
        return p50s;
    }

    private static String degraded(List<List<AppendBlocks.Measured>> rounds, int step) {
        long degraded = rounds.stream().mapToLong(round -> round.get(step).degraded()).sum();
        String failures = rounds.stream().map(round -> round.get(step).failures()).filter(text -> !text.isEmpty())
                .collect(Collectors.joining("; "));
        return (degraded == 0 ? "" : "  " + degraded + " DEGRADED") + (failures.isEmpty() ? "" : "  " + failures);
    }

    private static double median(List<List<AppendBlocks.Measured>> rounds, Function<List<AppendBlocks.Measured>, Double> value) {
        return Results.median(rounds.stream().mapToDouble(value::apply).toArray());
    }
}
