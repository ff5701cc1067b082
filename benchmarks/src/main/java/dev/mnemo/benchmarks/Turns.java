package dev.mnemo.benchmarks;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * Runs the timed turns of a cell, one after the other on one thread: each turn is one append
 * and then one context read of the same session, as a chat backend does per message. Seeding,
 * warm-up turns and the message's construction are outside the timed calls, and seeding is
 * outside the cell's budget and CPU account as well.
 */
final class Turns {

    /** Compilation time per second of warm-up below which the JIT counts as quiet, in milliseconds. */
    static final long QUIET_MILLIS = 20;

    /** How many budgets a cell may last in all, seeding included: small sessions are many, and slow to seed in Firestore. */
    static final int WALL_PER_BUDGET = 3;

    private final Servers servers;
    private final Conversation conversation;

    Turns(Servers servers, Conversation conversation) {
        this.servers = servers;
        this.conversation = conversation;
    }

    /**
     * Warms a configuration up: untimed turns for at least {@code least}, then until the JIT spent
     * under {@value #QUIET_MILLIS} ms of a second compiling (it compiles on other threads, so a
     * busy JIT both slows the turns and takes CPU from them), and at most {@code most}.
     *
     * @return how long it took
     */
    Duration warmUp(Subject subject, SessionPool pool, Duration least, Duration most) {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        long started = System.nanoTime();
        long second = started;
        long compiled = jit.getTotalCompilationTime();
        while (System.nanoTime() - started < most.toNanos()) {
            untimedTurn(subject, pool);
            if (System.nanoTime() - second >= 1_000_000_000L) {
                long spent = jit.getTotalCompilationTime() - compiled;
                if (System.nanoTime() - started >= least.toNanos() && spent < QUIET_MILLIS) {
                    break;
                }
                second = System.nanoTime();
                compiled = jit.getTotalCompilationTime();
            }
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private void untimedTurn(Subject subject, SessionPool pool) {
        if (pool.exhausted()) {
            pool.renew();
        }
        turn(subject, pool, null, null);
    }

    /**
     * @param warmup  untimed turns first, within a fifth of {@code budget}
     * @param samples the most timed turns
     * @param budget  the time of turns after which no more are started, once {@link Mode#MIN_SAMPLES} were;
     *                seeding counts only against {@link #WALL_PER_BUDGET} budgets of wall time
     * @return the latencies and CPU of the timed turns
     */
    Cell measure(Subject subject, SessionPool pool, int warmup, int samples, Duration budget) {
        long warming = System.nanoTime();
        for (int i = 0; i < warmup && System.nanoTime() - warming < budget.dividedBy(5).toNanos(); i++) {
            untimedTurn(subject, pool);
        }
        System.gc(); // collect what seeding and warm-up left, rather than during the timed turns
        Latencies appends = new Latencies();
        Latencies reads = new Latencies();
        Servers.Cpu excluded = Servers.Cpu.ZERO;
        long excludedNanos = 0;
        int failures = 0;
        Servers.Cpu start = servers.cpu();
        long started = System.nanoTime();
        long budgetNanos = budget.toNanos();
        long wallNanos = budgetNanos * WALL_PER_BUDGET;
        while (appends.count() < samples && (appends.count() < Mode.MIN_SAMPLES
                || System.nanoTime() - started - excludedNanos < budgetNanos && System.nanoTime() - started < wallNanos)) {
            if (pool.exhausted()) {
                Servers.Cpu before = servers.cpu();
                long renewing = System.nanoTime();
                pool.renew();
                excludedNanos += System.nanoTime() - renewing;
                excluded = excluded.plus(servers.cpu().since(before));
            }
            if (!turn(subject, pool, appends, reads) && ++failures > samples) {
                break; // every turn fails: the cell has nothing to measure
            }
        }
        Servers.Cpu used = servers.cpu().since(start).since(excluded);
        return new Cell(appends.percentiles(), reads.percentiles(), used.per(appends.count()));
    }

    /** Runs untimed floor turns for {@code time}. */
    void warmUpFloor(Floor floor, Duration time) {
        long started = System.nanoTime();
        for (long turn = 0; System.nanoTime() - started < time.toNanos(); turn++) {
            floorTurn(floor, turn, null);
        }
    }

    /**
     * Measures the floor: per turn one RPUSH onto a growing list, one EVALSHA of the windowed-append
     * script and one LRANGE of the last 20 of the windowed list.
     */
    FloorCell measureFloor(Floor floor, int warmup, int samples, Duration budget) {
        long warming = System.nanoTime();
        for (int i = 0; i < warmup && System.nanoTime() - warming < budget.dividedBy(5).toNanos(); i++) {
            floorTurn(floor, i, null);
        }
        System.gc();
        Latencies[] latencies = {new Latencies(), new Latencies(), new Latencies()};
        long started = System.nanoTime();
        for (long turn = 0; latencies[0].count() < samples
                && (latencies[0].count() < Mode.MIN_SAMPLES || System.nanoTime() - started < budget.toNanos()); turn++) {
            floorTurn(floor, turn, latencies);
        }
        return new FloorCell(latencies[0].percentiles(), latencies[1].percentiles(), latencies[2].percentiles());
    }

    private static void floorTurn(Floor floor, long turn, Latencies[] latencies) {
        long a = System.nanoTime();
        floor.rpush("floor:rpush", turn);
        long b = System.nanoTime();
        floor.lua("floor:lua", turn);
        long c = System.nanoTime();
        floor.lrange("floor:lua");
        long d = System.nanoTime();
        if (latencies != null) {
            latencies[0].add(b - a);
            latencies[1].add(c - b);
            latencies[2].add(d - c);
        }
    }

    /**
     * What one round measured of the floor.
     *
     * @param rpush  one RPUSH
     * @param lua    one EVALSHA of {@link Floor#SCRIPT}
     * @param lrange one LRANGE of the last 20
     */
    record FloorCell(Latencies.Percentiles rpush, Latencies.Percentiles lua, Latencies.Percentiles lrange) {
    }

    /** @return whether the turn succeeded; a failed one is not timed */
    private boolean turn(Subject subject, SessionPool pool, Latencies appends, Latencies reads) {
        var message = subject.message(conversation, pool.nextTurn());
        var id = pool.session();
        long a = System.nanoTime();
        try {
            subject.append(id, message);
            long b = System.nanoTime();
            subject.context(id);
            long c = System.nanoTime();
            if (appends != null) {
                appends.add(b - a);
                reads.add(c - b);
            }
            return true;
        } catch (RuntimeException e) {
            subject.noteFailure(e);
            return false;
        }
    }
}
