package dev.mnemo.benchmarks;

import dev.mnemo.SessionId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The throughput part of a configuration: its sessions growing at once (see {@link Crowd}), next
 * to raw Lettuce RPUSH with the same threads and messages, measured right before, and a check that
 * the durable tier, if any, holds every message acknowledged, timed: the drain. This JVM's CPU per
 * acknowledged message (see {@link CpuAccount}) is counted to the end of the drain, since a
 * write-behind append leaves its durable work to after the acknowledgement; the checks of the drain
 * are in it too (a few milliseconds per crowd, against the router).
 */
final class Throughput {

    /** How long the durable tier may take to hold every acknowledged message after a crowd. */
    private static final Duration DURABLE_WAIT = Duration.ofSeconds(120);

    private final Mode mode;
    private final Crowd crowd;
    private final Floor floor;
    private final Conversation conversation;
    private final Results results;

    Throughput(Mode mode, Crowd crowd, Floor floor, Conversation conversation, Results results) {
        this.mode = mode;
        this.crowd = crowd;
        this.floor = floor;
        this.conversation = conversation;
        this.results = results;
    }

    /**
     * The throughput run of a configuration, after a smaller untimed one; raw RPUSH is measured right
     * before it, with the same threads and messages. Write-behind, the run whose ratio is the
     * RESULT's, is repeated once per round and the run with the median ratio is kept. A configuration
     * given as {@code beside} takes the same crowd in every repeat, before the measured one in even
     * repeats and after it (and its drain) in odd ones, for the ratio of the two.
     *
     * @param beside the configuration to set beside it, or {@code null}
     */
    void measure(Setup setup, Subject subject, Subject beside) {
        int threads = mode.sessions();
        int messages = mode.messagesPerSession();
        int warmup = Math.max(5, messages / 10);
        crowd.run(threads, warmup, Workers.sessions(subject, conversation, "crowd-warm", threads, warmup));
        awaitDurable(subject, "crowd-warm", warmup, 0, System.nanoTime());
        long warmDegraded = subject.takeDegraded();
        if (beside != null) {
            crowd.run(threads, warmup, Workers.sessions(beside, conversation, "crowd-beside-warm", threads, warmup));
            beside.takeDegraded(); // noted with the beside crowds' own
        }
        crowd.run(threads, messages, Workers.rpush(floor, "crowd-warm:rpush"));
        if (setup == Setup.REDIS) {
            crowd.run(threads, warmup, Workers.lua(floor, "crowd-warm:lua"));
            results.crowds.put("raw RPUSH", crowd.run(threads, messages, Workers.rpush(floor, "crowd:rpush")));
            results.crowds.put("raw EVALSHA", crowd.run(threads, messages, Workers.lua(floor, "crowd:lua")));
        }
        int repeats = setup == Setup.ROUTER_WRITE_BEHIND ? mode.rounds() : 1;
        List<CrowdRun> runs = new ArrayList<>();
        for (int r = 0; r < repeats; r++) {
            double rpush = crowd.run(threads, messages, Workers.rpush(floor, "crowd:rpush:" + setup.name() + r)).throughput();
            BesideRun besideRun = r % 2 == 0 ? besideRun(beside, r) : null;
            String prefix = "crowd" + r;
            Crowd.Result outcome = crowd.run(threads, messages, Workers.sessions(subject, conversation, prefix, threads, messages));
            long degraded = subject.takeDegraded();
            Drain drain = awaitDurable(subject, prefix, messages, outcome.failures(), outcome.ended());
            double cpu = outcome.jvmCpuPerAppend(); // to the end of the drain
            if (r % 2 == 1) {
                besideRun = besideRun(beside, r);
            }
            runs.add(new CrowdRun(outcome, rpush, drain, besideRun, degraded, cpu));
        }
        record(setup, runs, warmDegraded);
        if (beside != null && beside.takeDegraded() > 0) {
            results.crowdNotes.merge(Results.BESIDE_CROWD, "SOME APPENDS DEGRADED", (a, b) -> a + "; " + b);
        }
    }

    /** @return the crowd of the configuration set beside, or {@code null} without one */
    private BesideRun besideRun(Subject beside, int repeat) {
        if (beside == null) {
            return null;
        }
        int threads = mode.sessions();
        int messages = mode.messagesPerSession();
        Crowd.Result run = crowd.run(threads, messages, Workers.sessions(beside, conversation, "crowd-beside" + repeat, threads,
                messages));
        return new BesideRun(run, run.jvmCpuPerAppend());
    }

    /**
     * The crowd of the configuration set beside, and this JVM's CPU per acknowledged append in it,
     * read right after it, in nanoseconds.
     */
    private record BesideRun(Crowd.Result outcome, double jvmCpu) {
    }

    /**
     * Keeps the run with the median ratio to raw RPUSH, every drain and every ratio to the
     * configuration beside, and notes degraded appends (acknowledged with a tier skipped or behind).
     */
    private void record(Setup setup, List<CrowdRun> runs, long warmDegraded) {
        List<CrowdRun> byRatio = new ArrayList<>(runs);
        byRatio.sort(Comparator.comparingDouble(CrowdRun::ratio));
        CrowdRun median = byRatio.get(byRatio.size() / 2);
        results.crowds.put(setup.label(), median.outcome());
        results.crowdFloors.put(setup.label(), median.rpush());
        List<String> notes = new ArrayList<>();
        if (runs.size() > 1) {
            notes.add("median of " + runs.size() + " runs, ratios " + join(byRatio, CrowdRun::ratio));
        }
        runs.stream().filter(run -> run.drain() != null).forEach(run -> results.drains
                .computeIfAbsent(setup.label(), key -> new ArrayList<>()).add(run.drain().millis()));
        if (median.drain() != null) {
            notes.add(median.drain().note());
        }
        if (warmDegraded > 0 || runs.stream().anyMatch(run -> run.degraded() > 0)) {
            notes.add("DEGRADED APPENDS: warm-up " + warmDegraded + ", runs " + runs.stream()
                    .map(run -> Long.toString(run.degraded())).collect(Collectors.joining(" ")));
        }
        if (median.beside() != null) {
            results.crowds.put(Results.BESIDE_CROWD, median.beside().outcome());
            runs.forEach(run -> {
                results.crowdRatiosVsBeside.add(run.outcome().throughput() / run.beside().outcome().throughput());
                results.crowdCpuVsBeside.add(new Results.CpuPair(run.jvmCpu(), run.beside().jvmCpu()));
            });
            results.crowdNotes.put(Results.BESIDE_CROWD, "same crowd as " + setup.label() + ", in the same repeats; "
                    + setup.label() + " over it: " + join(runs, run -> run.outcome().throughput() / run.beside().outcome().throughput()));
        }
        if (!notes.isEmpty()) {
            results.crowdNotes.put(setup.label(), String.join("; ", notes));
        }
    }

    private static String join(List<CrowdRun> runs, ToDoubleFunction<CrowdRun> value) {
        return runs.stream().map(run -> String.format(Locale.ROOT, "%.2f", value.applyAsDouble(run))).collect(Collectors.joining(" "));
    }

    /**
     * One throughput run, with raw RPUSH's measured right before it, its drain (null without a
     * durable tier), the run of the configuration set beside it (null without one), how many of its
     * appends were acknowledged degraded, and this JVM's CPU per acknowledged append to the end of the
     * drain, in nanoseconds.
     */
    private record CrowdRun(Crowd.Result outcome, double rpush, Drain drain, BesideRun beside, long degraded,
                            double jvmCpu) {
        double ratio() {
            return outcome.throughput() / rpush;
        }
    }

    /**
     * What the durable tier held after a crowd, and when.
     *
     * @param expected the messages acknowledged
     * @param held     the messages it held when the wait ended
     * @param millis   from the crowd's last acknowledgement to the check that found them all (or gave up)
     */
    record Drain(long expected, long held, double millis) {
        String note() {
            return held >= expected ? String.format(Locale.ROOT, "durable held all %,d %.0f ms after the last ack", expected, millis)
                    : String.format(Locale.ROOT, "DURABLE HELD ONLY %,d OF %,d ACKNOWLEDGED MESSAGES after %d s", held, expected,
                    DURABLE_WAIT.toSeconds());
        }
    }

    /**
     * Waits until the durable tier, if there is one, holds every message the crowd {@code prefix}
     * was acknowledged: {@code perThread} per session less the {@code failures}, and what opening
     * each session stored.
     *
     * @param ended when the crowd's last append was acknowledged, in {@link System#nanoTime()}
     * @return the drain, or {@code null} without a durable tier
     */
    private Drain awaitDurable(Subject subject, String prefix, int perThread, long failures, long ended) {
        List<SessionId> sessions = IntStream.range(0, mode.sessions()).mapToObj(t -> SessionId.of(prefix + "-" + t)).toList();
        long expected = (long) mode.sessions() * (perThread + subject.openingMessages()) - failures;
        Durability.Held held = new Durability(subject).awaitHeld(sessions, expected, DURABLE_WAIT);
        return held.held() < 0 ? null : new Drain(expected, held.held(), (held.checked() - ended) / 1e6);
    }
}
