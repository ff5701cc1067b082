package dev.mnemo.benchmarks;

import dev.mnemo.SessionId;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Runs the timed turns of a round on one thread: each turn is one append and then one context
 * read of the same session, as a chat backend does per message; in a configuration that
 * {@linkplain Subject#readsPolicies() reads the chat policies}, two more reads follow, the full
 * policy and the bare window, in turns of alternating order. The pools of a round (its sizes, a
 * pool of another configuration set beside them, and the floor, when given) take their turns in
 * short blocks that alternate, so that all of them meet the same load: the machine is shared, and
 * a ratio between two sizes, or to the floor, must not depend on which ran during a busy second.
 * Seeding, warm-up turns and building the message are outside the timed calls; seeding is outside
 * the budget and the CPU account as well.
 */
final class Turns {

    /** Compilation time per second of warm-up below which the JIT counts as quiet, in milliseconds. */
    static final long QUIET_MILLIS = 20;

    /** How many budgets a cell may last in all, seeding included: small sessions are many, and slow to seed in Firestore. */
    static final int WALL_PER_BUDGET = 3;

    /** The most turns of one block. */
    static final int BLOCK_TURNS = 200;

    /** The most time of one block, in nanoseconds (a block always has at least one turn). */
    static final long BLOCK_NANOS = 100_000_000L;

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
    Duration warmUp(SessionPool pool, Duration least, Duration most) {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        long started = System.nanoTime();
        long second = started;
        long compiled = jit.getTotalCompilationTime();
        while (System.nanoTime() - started < most.toNanos()) {
            if (pool.exhausted()) {
                pool.renew();
            }
            turn(pool, null);
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

    /** Runs untimed floor turns for {@code time}. */
    void warmUpFloor(Floor floor, Duration time) {
        long started = System.nanoTime();
        for (long turn = 0; System.nanoTime() - started < time.toNanos(); turn++) {
            floorTurn(floor, turn, null);
        }
    }

    /**
     * Measures one round of {@code pools}, each with its own configuration, and of the floor when it
     * is given. Each pool is seeded and warmed up with {@code warmup} untimed turns (within a fifth
     * of {@code budget}) first; then blocks of every series alternate, in one direction and then
     * back, until each has taken {@code samples} turns, or spent {@code budget} in turns (at least
     * {@link Mode#MIN_SAMPLES}), or {@link #WALL_PER_BUDGET} budgets in all with its seeding.
     *
     * @param floor the floor to measure beside the pools, or {@code null}
     * @return a cell per pool, in their order, and the floor's cell or {@code null}
     */
    Round round(List<SessionPool> pools, Floor floor, int warmup, int samples, Duration budget) {
        List<Track> tracks = new ArrayList<>();
        for (SessionPool pool : pools) {
            if (pool.exhausted()) {
                pool.renew(); // before the collection below, which takes the garbage of a large seeding
            }
            long warming = System.nanoTime();
            for (int i = 0; i < warmup && System.nanoTime() - warming < budget.dividedBy(5).toNanos(); i++) {
                if (pool.exhausted()) {
                    pool.renew();
                }
                turn(pool, null);
            }
            tracks.add(new Track(pool, 4));
        }
        Track floorTrack = null;
        if (floor != null) {
            for (int i = 0; i < warmup; i++) {
                floorTurn(floor, i, null);
            }
            floorTrack = new Track(null, 3);
            tracks.add(floorTrack);
        }
        System.gc(); // collect what seeding and warm-up left, rather than during the timed turns
        List<Track> order = new ArrayList<>(tracks);
        while (order.stream().anyMatch(track -> !track.done(samples, budget))) {
            for (Track track : order) {
                if (!track.done(samples, budget)) {
                    block(floor, track, samples, budget);
                }
            }
            Collections.reverse(order);
        }
        List<Cell> cells = new ArrayList<>();
        for (Track track : tracks.subList(0, pools.size())) {
            cells.add(new Cell(track.latencies[0].percentiles(), track.latencies[1].percentiles(),
                    track.latencies[2].percentiles(), track.latencies[3].percentiles(), track.cpu.per(track.count())));
        }
        FloorCell floorCell = floorTrack == null ? null : new FloorCell(floorTrack.latencies[0].percentiles(),
                floorTrack.latencies[1].percentiles(), floorTrack.latencies[2].percentiles());
        return new Round(cells, floorCell);
    }

    /** One block of a series' turns; a pool's seeding in it is kept out of its time and CPU. */
    private void block(Floor floor, Track track, int samples, Duration budget) {
        Servers.Cpu before = servers.cpu();
        Servers.Cpu excluded = Servers.Cpu.ZERO;
        long excludedNanos = 0;
        long started = System.nanoTime();
        for (int n = 0; n < BLOCK_TURNS && System.nanoTime() - started < BLOCK_NANOS && !track.done(samples, budget); n++) {
            if (track.pool == null) {
                floorTurn(floor, track.turns++, track.latencies);
                continue;
            }
            if (track.pool.exhausted()) {
                Servers.Cpu seeding = servers.cpu();
                long renewing = System.nanoTime();
                track.pool.renew();
                excludedNanos += System.nanoTime() - renewing;
                excluded = excluded.plus(servers.cpu().since(seeding));
            }
            if (!turn(track.pool, track.latencies)) {
                track.failures++;
            }
        }
        long elapsed = System.nanoTime() - started;
        track.wall += elapsed;
        track.spent += elapsed - excludedNanos;
        track.cpu = track.cpu.plus(servers.cpu().since(before).since(excluded));
    }

    /** The turns of one series in a round, as they add up over its blocks. */
    private static final class Track {
        final SessionPool pool;
        final Latencies[] latencies;
        Servers.Cpu cpu = Servers.Cpu.ZERO;
        long spent;
        long wall;
        long turns;
        int failures;

        Track(SessionPool pool, int operations) {
            this.pool = pool;
            this.latencies = new Latencies[operations];
            for (int i = 0; i < operations; i++) {
                latencies[i] = new Latencies();
            }
        }

        int count() {
            return latencies[0].count();
        }

        boolean done(int samples, Duration budget) {
            if (count() >= samples || failures > samples) {
                return true;
            }
            return count() >= Mode.MIN_SAMPLES
                    && (spent >= budget.toNanos() || wall >= budget.toNanos() * WALL_PER_BUDGET);
        }
    }

    /**
     * What one round measured.
     *
     * @param cells a cell per pool, in the order given
     * @param floor the floor's cell, or {@code null} when it was not measured
     */
    record Round(List<Cell> cells, FloorCell floor) {
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

    /**
     * One turn: append, context read, then for a configuration that reads the chat policies the
     * full policy and the bare window, the full one first in every other pair of turns, so that
     * neither always meets what the other left (the tier's decode cache, a connection just used).
     *
     * @param latencies where the append, context, full and window reads are timed, or {@code null}
     * @return whether the turn succeeded; a failed one is not timed
     */
    private boolean turn(SessionPool pool, Latencies[] latencies) {
        Subject subject = pool.subject();
        long number = pool.nextTurn();
        var message = subject.message(conversation, number);
        var id = pool.session();
        try {
            long a = System.nanoTime();
            subject.append(id, message);
            long b = System.nanoTime();
            subject.context(id);
            long c = System.nanoTime();
            if (latencies != null) {
                latencies[0].add(b - a);
                latencies[1].add(c - b);
            }
            if (subject.readsPolicies()) {
                boolean fullFirst = number / 2 % 2 == 0; // both orders meet user and assistant appends
                policyRead(subject, id, fullFirst, latencies == null ? null : latencies[fullFirst ? 2 : 3]);
                policyRead(subject, id, !fullFirst, latencies == null ? null : latencies[fullFirst ? 3 : 2]);
            }
            return true;
        } catch (RuntimeException e) {
            subject.noteFailure(e);
            return false;
        }
    }

    private static void policyRead(Subject subject, SessionId id, boolean full, Latencies latencies) {
        long start = System.nanoTime();
        subject.policyContext(id, full);
        long end = System.nanoTime();
        if (latencies != null) {
            latencies.add(end - start);
        }
    }
}
