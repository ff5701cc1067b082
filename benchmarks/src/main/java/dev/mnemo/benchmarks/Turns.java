package dev.mnemo.benchmarks;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Runs the timed turns of a round on one thread: each turn is one of its pool's kinds (see
 * {@link TurnKind} and {@link ChatTurns}), as a chat backend does per message. The pools of a round
 * (its sizes, a pool of another configuration set beside them, and the floor, when given) take
 * their turns in short blocks that alternate, so that all of them meet the same load: the machine
 * is shared, and a ratio between two sizes, or to the floor, must not depend on which ran during a
 * busy second. Seeding, warm-up turns and building the messages are outside the timed calls;
 * seeding is outside the budget and the CPU account as well.
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
    private final ChatTurns chat;

    Turns(Servers servers, Conversation conversation) {
        this.servers = servers;
        this.chat = new ChatTurns(conversation);
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
            chat.take(pool, null);
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
            ChatTurns.floor(floor, turn, null);
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
                chat.take(pool, null);
            }
            tracks.add(new Track(pool, Cell.LATENCIES));
        }
        Track floorTrack = null;
        if (floor != null) {
            for (int i = 0; i < warmup; i++) {
                ChatTurns.floor(floor, i, null);
            }
            floorTrack = new Track(null, FloorCell.LATENCIES);
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
            cells.add(Cell.of(track.latencies, track.cpu.per(track.turns)));
        }
        return new Round(cells, floorTrack == null ? null : FloorCell.of(floorTrack.latencies));
    }

    /** One block of a series' turns; a pool's seeding in it is kept out of its time and CPU. */
    private void block(Floor floor, Track track, int samples, Duration budget) {
        Servers.Cpu before = servers.cpu();
        Servers.Cpu excluded = Servers.Cpu.ZERO;
        long excludedNanos = 0;
        long started = System.nanoTime();
        for (int n = 0; n < BLOCK_TURNS && System.nanoTime() - started < BLOCK_NANOS && !track.done(samples, budget); n++) {
            if (track.pool == null) {
                ChatTurns.floor(floor, track.turns++, track.latencies);
                continue;
            }
            if (track.pool.exhausted()) {
                Servers.Cpu seeding = servers.cpu();
                long renewing = System.nanoTime();
                track.pool.renew();
                excludedNanos += System.nanoTime() - renewing;
                excluded = excluded.plus(servers.cpu().since(seeding));
            }
            if (chat.take(track.pool, track.latencies)) {
                track.turns++;
            } else {
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
        /** Timed turns that succeeded. */
        long turns;
        int failures;

        Track(SessionPool pool, int latencies) {
            this.pool = pool;
            this.latencies = new Latencies[latencies];
            for (int i = 0; i < latencies; i++) {
                this.latencies[i] = new Latencies();
            }
        }

        boolean done(int samples, Duration budget) {
            if (turns >= samples || failures > samples) {
                return true;
            }
            return turns >= Mode.MIN_SAMPLES
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
}
