package dev.mnemo.benchmarks;

import dev.mnemo.SessionId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The throughput part of a configuration: its sessions growing at once (see {@link Crowd}), next
 * to raw Lettuce RPUSH with the same threads and messages, measured right before, and a check that
 * the durable tier, if any, holds every message acknowledged.
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
     * RESULT's, is repeated once per round and the run with the median ratio is kept.
     */
    void measure(Setup setup, Subject subject) {
        int threads = mode.sessions();
        int messages = mode.messagesPerSession();
        int warmup = Math.max(5, messages / 10);
        crowd.run(threads, warmup, Workers.sessions(subject, conversation, "crowd-warm", threads, warmup));
        awaitDurable(subject, crowdSessions("crowd-warm"), (long) threads * warmup);
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
            String prefix = "crowd" + r;
            Crowd.Result outcome = crowd.run(threads, messages, Workers.sessions(subject, conversation, prefix, threads, messages));
            runs.add(new CrowdRun(outcome, rpush, awaitDurable(subject, crowdSessions(prefix),
                    (long) threads * messages - outcome.failures())));
        }
        runs.sort(Comparator.comparingDouble(CrowdRun::ratio));
        CrowdRun median = runs.get(runs.size() / 2);
        results.crowds.put(setup.label(), median.outcome());
        results.crowdFloors.put(setup.label(), median.rpush());
        List<String> notes = new ArrayList<>();
        if (repeats > 1) {
            notes.add("median of " + repeats + " runs, ratios " + runs.stream()
                    .map(run -> String.format(Locale.ROOT, "%.2f", run.ratio())).collect(Collectors.joining(" ")));
        }
        if (!median.durable().isEmpty()) {
            notes.add(median.durable());
        }
        if (!notes.isEmpty()) {
            results.crowdNotes.put(setup.label(), String.join("; ", notes));
        }
    }

    /** One throughput run, with raw RPUSH's measured right before it and what the durable tier held after it. */
    private record CrowdRun(Crowd.Result outcome, double rpush, String durable) {
        double ratio() {
            return outcome.throughput() / rpush;
        }
    }

    private List<SessionId> crowdSessions(String prefix) {
        return IntStream.range(0, mode.sessions()).mapToObj(t -> SessionId.of(prefix + "-" + t)).toList();
    }

    /**
     * Waits until the durable tier, if there is one, holds the {@code expected} messages of {@code sessions}.
     *
     * @return how long it took, or how much it held when it gave up; empty without a durable tier
     */
    private String awaitDurable(Subject subject, List<SessionId> sessions, long expected) {
        long started = System.nanoTime();
        long held = new Durability(subject).await(sessions, expected, DURABLE_WAIT);
        if (held < 0) {
            return "";
        }
        return held >= expected ? String.format(Locale.ROOT, "durable held all %,d after %.1f s", expected,
                (System.nanoTime() - started) / 1e9)
                : String.format(Locale.ROOT, "DURABLE HELD ONLY %,d OF %,d ACKNOWLEDGED MESSAGES after %d s", held, expected,
                DURABLE_WAIT.toSeconds());
    }

}
