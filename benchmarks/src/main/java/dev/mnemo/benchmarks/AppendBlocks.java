package dev.mnemo.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Append-only turns of several pools, in blocks that alternate forwards then backwards, for
 * {@link AppendBreakdown}: the same load for every pool, as {@link Turns} gives the scale curve.
 * Seeding is kept out of each pool's time and CPU.
 */
final class AppendBlocks {

    private final Servers servers;
    private final Conversation conversation;

    AppendBlocks(Servers servers, Conversation conversation) {
        this.servers = servers;
        this.conversation = conversation;
    }

    /**
     * What one pool measured in a run.
     *
     * @param latency  latency of one append
     * @param cpu      CPU per append, by process
     * @param degraded appends acknowledged degraded
     * @param failures the appends of the run that failed, and the last failure; empty when none did
     */
    record Measured(Latencies.Percentiles latency, Servers.Cpu cpu, long degraded, String failures) {
    }

    /**
     * Runs blocks of every pool for {@code seconds}.
     *
     * @param measured where to put what each pool measured, in the pools' order; {@code null} to run untimed
     * @return {@code measured}
     */
    List<Measured> run(List<SessionPool> pools, int seconds, List<Measured> measured) {
        List<Latencies> latencies = new ArrayList<>();
        List<Servers.Cpu> cpu = new ArrayList<>();
        for (SessionPool pool : pools) {
            latencies.add(new Latencies());
            cpu.add(Servers.Cpu.ZERO);
            pool.subject().takeDegraded(); // what the runs before had is theirs
            pool.subject().takeFailures();
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < pools.size(); i++) {
            order.add(i);
        }
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            for (int i : order) {
                cpu.set(i, cpu.get(i).plus(block(pools.get(i), latencies.get(i))));
            }
            Collections.reverse(order);
        }
        if (measured == null) {
            return null;
        }
        for (int i = 0; i < pools.size(); i++) {
            measured.add(new Measured(latencies.get(i).percentiles(), cpu.get(i).per(latencies.get(i).count()),
                    pools.get(i).subject().takeDegraded(), pools.get(i).subject().takeFailures()));
        }
        return measured;
    }

    /** @return the CPU the block's appends used, its seeding left out */
    private Servers.Cpu block(SessionPool pool, Latencies latencies) {
        Subject subject = pool.subject();
        Servers.Cpu used = Servers.Cpu.ZERO;
        Servers.Cpu before = servers.cpu();
        long started = System.nanoTime();
        for (int n = 0; n < Turns.BLOCK_TURNS && System.nanoTime() - started < Turns.BLOCK_NANOS; n++) {
            if (pool.exhausted()) {
                used = used.plus(servers.cpu().since(before));
                pool.renew();
                before = servers.cpu();
            }
            var message = subject.message(conversation, pool.nextTurn().number());
            try {
                long a = System.nanoTime();
                subject.append(pool.session(), message);
                latencies.add(System.nanoTime() - a);
            } catch (RuntimeException e) {
                subject.noteFailure(e); // not timed
            }
        }
        return used.plus(servers.cpu().since(before));
    }
}
