package dev.mnemo.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Many sessions growing at once: one thread per session, each appending its messages one after
 * the other as fast as they are acknowledged (a closed loop), all released together. Throughput
 * is the acknowledged appends over the time from the release to the last thread's end.
 */
final class Crowd {

    /** One thread's work. */
    interface Worker {
        /** Prepares thread {@code thread}'s session and messages; untimed. */
        void prepare(int thread);

        /** Sends the {@code index}-th append of thread {@code thread}. */
        void call(int thread, int index);
    }

    /**
     * What a crowd measured.
     *
     * @param throughput acknowledged appends per second
     * @param latency    latency of one append
     * @param cpu        CPU time per append, by process
     * @param failures   appends that failed (not counted in the throughput)
     * @param ended      when the last thread had its last answer, in {@link System#nanoTime()}
     * @param jvm        this JVM's CPU from the release on, to the nanosecond, still open: work an append
     *                   leaves to after its answer (a write-behind flush) is counted by reading it later
     */
    record Result(double throughput, Latencies.Percentiles latency, Servers.Cpu cpu, long failures, long ended,
                  CpuAccount jvm) {

        /** @return this JVM's CPU per acknowledged append from the release to now, in nanoseconds */
        double jvmCpuPerAppend() {
            return (double) jvm.used() / Math.max(1, latency.count());
        }
    }

    private final Servers servers;

    Crowd(Servers servers) {
        this.servers = servers;
    }

    /**
     * @param threads   how many sessions, one thread each
     * @param perThread how many appends each thread sends
     */
    Result run(int threads, int perThread, Worker worker) {
        for (int t = 0; t < threads; t++) {
            worker.prepare(t);
        }
        System.gc();
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        AtomicLong failures = new AtomicLong();
        AtomicReference<CpuAccount> account = new AtomicReference<>(); // opened once every thread waits, so it lists them
        List<Latencies> latencies = new ArrayList<>();
        List<Thread> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Latencies own = new Latencies();
            latencies.add(own);
            Thread runner = new Thread(() -> {
                ready.countDown();
                await(go);
                for (int i = 0; i < perThread; i++) {
                    long start = System.nanoTime();
                    try {
                        worker.call(thread, i);
                        own.add(System.nanoTime() - start);
                    } catch (RuntimeException e) {
                        failures.incrementAndGet();
                    }
                }
                account.get().ending();
            }, "crowd-" + t);
            running.add(runner);
            runner.start();
        }
        await(ready);
        account.set(new CpuAccount());
        Servers.Cpu before = servers.cpu();
        long started = System.nanoTime();
        go.countDown();
        running.forEach(Crowd::join);
        long ended = System.nanoTime();
        long elapsed = ended - started;
        Servers.Cpu used = servers.cpu().since(before);
        Latencies all = new Latencies();
        latencies.forEach(all::addAll);
        return new Result(all.count() * 1e9 / elapsed, all.percentiles(), used.per(all.count()), failures.get(), ended,
                account.get());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the crowd waited to start", e);
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the crowd ran", e);
        }
    }
}
