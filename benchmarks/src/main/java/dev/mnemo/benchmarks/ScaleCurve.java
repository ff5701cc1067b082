package dev.mnemo.benchmarks;

import dev.mnemo.MnemoConfig;
import dev.mnemo.tokens.TokenCounters;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntPredicate;

/**
 * The scale-curve runner. In one process it starts redis-server and the Firestore emulator, then
 * for each {@link Setup}: warms it up, measures the latency of its kinds of turn (append, context,
 * and for the configurations that read through Redis the chat policies, {@code turn} and the three
 * calls it stands for; see {@link TurnKind}) at every session size of the {@link Mode} in rounds
 * (see {@link Turns}; the floor is measured beside the Redis configuration's sizes, and Mnemo over
 * Redis alone beside the write-behind router's), counts what the router's durable tier reads while
 * a warm session takes turns (see {@link HotTurns}), checks that the durable tier holds every
 * acknowledged message, then measures the throughput of 25 sessions growing at once (see
 * {@link Throughput}). It prints the tables and ends with the {@code RESULT} line, then writes the
 * curve as CSV and as a picture (see {@link Curve} and {@link Plot}).
 *
 * <p>Usage: {@code ScaleCurve [quick|full|smoke]}, default {@code quick}; progress goes to stderr.
 * The curve goes to {@value #CSV}, {@value #SVG} and {@value #PNG} in the directory named by the
 * system property {@code benchmark.output} (default {@code target}); a full run also writes the CSV
 * and the SVG into {@code benchmark.published} (default: the working directory), the benchmarks
 * module's own directory when run through Maven, where README.md shows the picture.
 */
public final class ScaleCurve {

    /**
     * Sizes above this are measured apart from the others, on a fresh emulator: it keeps every
     * document it was sent in a heap of 512 MiB, which holds about 150,000 messages.
     */
    private static final int EMULATOR_PHASE_ABOVE = 10_000;

    /** The curve's numbers, which {@link Plot} can draw again. */
    static final String CSV = "scale-curve.csv";

    /** The curve's picture. */
    static final String SVG = "scale-curve.svg";

    /** A copy of the picture for viewers without SVG. */
    static final String PNG = "scale-curve.png";

    private static final DateTimeFormatter DAY_MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final Mode mode;
    private final PrintStream log;
    private final Servers servers;
    private final Conversation conversation;
    private final Floor floor;
    private final Turns turns;
    private final Throughput throughput;
    private final Results results;

    private ScaleCurve(Mode mode, PrintStream log, Servers servers, Floor floor, Conversation conversation) {
        this.mode = mode;
        this.log = log;
        this.servers = servers;
        this.conversation = conversation;
        this.floor = floor;
        this.turns = new Turns(servers, conversation);
        this.results = new Results(mode);
        this.throughput = new Throughput(mode, new Crowd(servers), floor, conversation, results);
    }

    /**
     * Runs the benchmark, prints its tables and the RESULT line on stdout, writes the curve and its
     * picture, and exits: with 1 if they could not be written (the tables are printed by then).
     *
     * @param args the mode: {@code quick} (default), {@code full} or {@code smoke}
     */
    public static void main(String[] args) {
        Mode mode = Mode.named(args.length == 0 ? "quick" : args[0]);
        Instant started = Instant.now();
        Results results = run(mode, System.err);
        Report.print(results, System.out);
        System.out.flush();
        String run = String.format(Locale.ROOT, "%s run, %s to %s UTC", mode.name(), DAY_MINUTE.format(started),
                MINUTE.format(Instant.now()));
        int status = 0;
        try {
            write(Curve.of(results, run), mode);
        } catch (IOException | RuntimeException e) {
            System.err.println("The curve and its picture were not written:");
            e.printStackTrace();
            status = 1;
        }
        System.exit(status); // driver threads (gRPC, Netty) must not keep the JVM up
    }

    /** Writes the curve and its picture as the class comment says. */
    private static void write(Curve curve, Mode mode) throws IOException {
        Path output = Path.of(System.getProperty("benchmark.output", "target"));
        curve.write(output.resolve(CSV));
        Plot.write(curve, List.of(output.resolve(SVG), output.resolve(PNG)));
        System.err.printf("curve written to %s, picture to %s and %s%n", output.resolve(CSV), output.resolve(SVG),
                output.resolve(PNG));
        if (mode == Mode.FULL) {
            Path published = Path.of(System.getProperty("benchmark.published", ""));
            curve.write(published.resolve(CSV));
            Plot.write(curve, List.of(published.resolve(SVG)));
            System.err.printf("published: %s and %s%n", published.resolve(CSV), published.resolve(SVG));
        }
    }

    /**
     * @param mode what to measure
     * @param log  where progress goes
     * @return what was measured
     */
    static Results run(Mode mode, PrintStream log) {
        long started = System.nanoTime();
        Conversation conversation = new Conversation(TokenCounters.forModel(MnemoConfig.DEFAULT_TOKEN_MODEL));
        try (Servers servers = Servers.start(); Floor floor = new Floor(servers.redisUri(), conversation)) {
            log.printf("servers up: %s, emulator %s%n", servers.redisUri(), servers.emulatorHost());
            ScaleCurve curve = new ScaleCurve(mode, log, servers, floor, conversation);
            curve.results.load.add(loadAverage());
            for (Setup setup : Setup.values()) {
                curve.measure(setup);
            }
            curve.results.load.add(loadAverage());
            log.printf("done in %.0f s%n", (System.nanoTime() - started) / 1e9);
            return curve.results;
        }
    }

    /**
     * Measures one configuration in up to three parts: the sizes up to {@link #EMULATOR_PHASE_ABOVE},
     * the sizes above it, and the throughput run. When it uses Firestore and the mode has sessions
     * above {@link #EMULATOR_PHASE_ABOVE}, each part gets a fresh emulator and a fresh instance of the
     * configuration; smaller modes send the emulator fewer messages in all than it holds.
     */
    private void measure(Setup setup) {
        long started = System.nanoTime();
        boolean fresh = setup.usesFirestore() && mode.largest() > EMULATOR_PHASE_ABOVE;
        Subject subject = open(setup, fresh);
        Subject beside = setup == Setup.ROUTER_WRITE_BEHIND ? Setup.REDIS.open(servers) : null;
        try {
            warmUp(setup, subject);
            if (setup == Setup.REDIS) {
                turns.warmUpFloor(floor, mode.warmup());
            }
            SessionPool besidePool = null;
            if (beside != null) {
                warmUp(Setup.REDIS, beside);
                besidePool = new SessionPool(beside, conversation, "beside", mode.ratioSize(), TurnKind.of(beside, true));
            }
            List<SessionPool> pools = pools(subject, "s", size -> size <= EMULATOR_PHASE_ABOVE);
            rounds(setup, pools, null, besidePool, started);
            checkDurable(setup, pools);
            noteAnswers(setup, subject, String.format(Locale.ROOT, "warm-up and sizes to %,d", EMULATOR_PHASE_ABOVE));
            if (beside != null) {
                noteAnswers(setup, beside, "beside " + setup.label());
            }
            if (setup.router()) {
                SessionPool hot = HotTurns.pool(subject, conversation, mode);
                results.hotTurnDurableReads.put(setup.label(), HotTurns.count(hot, conversation, mode));
                checkDurable(setup, List.of(hot));
                noteAnswers(setup, subject, "warm turns counting durable reads");
            }
            if (mode.largest() > EMULATOR_PHASE_ABOVE) {
                subject = reopen(setup, subject, fresh);
                List<SessionPool> large = pools(subject, "l", size -> size > EMULATOR_PHASE_ABOVE);
                SessionPool reference = new SessionPool(subject, conversation, "ref", mode.smallest(),
                        TurnKind.of(subject, false));
                rounds(setup, large, reference, null, started);
                large.add(reference);
                checkDurable(setup, large);
                noteAnswers(setup, subject, String.format(Locale.ROOT, "sizes above %,d", EMULATOR_PHASE_ABOVE));
            }
            subject = reopen(setup, subject, fresh);
            throughput.measure(setup, subject, beside);
        } finally {
            subject.close();
            if (beside != null) {
                beside.close();
            }
        }
        floor.flushAll();
        log.printf("%s: done in %.0f s%n", setup.label(), (System.nanoTime() - started) / 1e9);
    }

    /** Runs untimed turns until the JIT has gone quiet: see {@link Turns#warmUp}. */
    private void warmUp(Setup setup, Subject subject) {
        SessionPool warm = new SessionPool(subject, conversation, "warm", 100, TurnKind.of(subject, true));
        Duration warmed = turns.warmUp(warm, mode.warmup(), mode.warmupLimit());
        warm.retire();
        log.printf("%s: warmed up in %.1f s%n", setup.label(), warmed.toNanos() / 1e9);
    }

    /** @return the configuration, on a fresh emulator if {@code fresh} */
    private Subject open(Setup setup, boolean fresh) {
        if (fresh) {
            servers.restartFirestore();
        }
        return setup.open(servers);
    }

    /** @return {@code subject} itself, or when {@code fresh} a new instance on a fresh emulator, the old one closed */
    private Subject reopen(Setup setup, Subject subject, boolean fresh) {
        if (!fresh) {
            return subject;
        }
        subject.close();
        return open(setup, true);
    }

    /** Notes the failed turns and the degraded or short answers of a part of the curve, if there were any. */
    private void noteAnswers(Setup setup, Subject subject, String part) {
        String failures = subject.takeFailures();
        if (!failures.isEmpty()) {
            results.curveNotes.merge(setup.label() + " failures", subject.name() + " (" + part + "): " + failures,
                    (a, b) -> a + "; " + b);
        }
        long degraded = subject.takeDegraded();
        if (degraded > 0) {
            results.curveNotes.merge(setup.label() + " failures", subject.name() + " (" + part + "): " + degraded
                            + " degraded or short answers", (a, b) -> a + "; " + b);
        }
    }

    /** @return a pool per size that {@code sizes} takes; at the ratio size, the three calls are set beside the turn */
    private List<SessionPool> pools(Subject subject, String prefix, IntPredicate sizes) {
        List<SessionPool> pools = new ArrayList<>();
        mode.sizes().stream().filter(sizes::test).forEach(size -> pools.add(new SessionPool(subject, conversation, prefix, size,
                TurnKind.of(subject, size == mode.ratioSize()))));
        return pools;
    }

    /**
     * Measures the pools once per round, their blocks of turns alternating (see {@link Turns}),
     * beside the floor when this is the Redis configuration. A reference pool, of the smallest size,
     * is measured beside sizes the emulator could not hold together with the others: their
     * flatness is taken against it, in the same rounds. A pool of another configuration, when
     * given, is measured beside them the same way, for ratios to it.
     */
    private void rounds(Setup setup, List<SessionPool> pools, SessionPool reference, SessionPool beside, long started) {
        List<SessionPool> all = new ArrayList<>(pools);
        if (reference != null) {
            all.add(0, reference);
        }
        if (beside != null) {
            all.add(beside);
        }
        boolean withFloor = setup == Setup.REDIS && pools.stream().anyMatch(pool -> pool.size() == mode.ratioSize());
        for (int round = 0; round < mode.rounds(); round++) {
            Turns.Round measured = turns.round(all, withFloor ? floor : null, mode.cellWarmup(), mode.samples(),
                    mode.cellBudget());
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i) == reference) {
                    results.addReference(setup, measured.cells().get(i));
                } else if (all.get(i) == beside) {
                    results.beside.add(measured.cells().get(i));
                } else {
                    results.add(setup, all.get(i).size(), measured.cells().get(i));
                }
            }
            if (withFloor) {
                results.floor.add(measured.floor());
            }
            log.printf("%s: round %d done at %.0f s%n", setup.label(), round + 1, (System.nanoTime() - started) / 1e9);
        }
    }

    /** Checks that the durable tier holds every message the pools' sessions were acknowledged. */
    private void checkDurable(Setup setup, List<SessionPool> pools) {
        pools.forEach(SessionPool::retire);
        long checked = pools.stream().mapToLong(SessionPool::checked).sum();
        long missing = pools.stream().mapToLong(SessionPool::missing).sum();
        if (checked > 0) {
            String note = missing == 0
                    ? String.format(Locale.ROOT, "durable held all %,d acknowledged messages (checked per session)", checked)
                    : String.format(Locale.ROOT, "DURABLE MISSED %,d OF %,d ACKNOWLEDGED MESSAGES", missing, checked);
            results.curveNotes.merge(setup.label(), note, (a, b) -> a + "; " + b);
        }
    }

    /** @return the 1, 5 and 15 minute load averages, which tell whether anything else ran on the machine */
    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

}
