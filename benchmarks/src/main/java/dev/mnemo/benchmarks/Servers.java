package dev.mnemo.benchmarks;

import dev.mnemo.testkit.firestore.FirestoreEmulator;
import dev.mnemo.testkit.redis.RedisServer;
import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * The servers of one run, started by the testkit's handles on free loopback ports and stopped by
 * their pids: one {@code redis-server} (nothing persisted) that the floor and every Redis tier
 * share, and one Firestore emulator. Also reads the CPU time each has used, so that every
 * measurement can say where its time went.
 */
final class Servers implements AutoCloseable {

    /** The emulator project of every Firestore tier in the run. */
    static final String PROJECT = "demo-mnemo-bench";

    private final RedisServer redis;
    private final FirestoreEmulator firestore;

    private Servers(RedisServer redis, FirestoreEmulator firestore) {
        this.redis = redis;
        this.firestore = firestore;
    }

    /** @return both servers, running */
    static Servers start() {
        RedisServer redis = RedisServer.start();
        try {
            return new Servers(redis, FirestoreEmulator.start());
        } catch (RuntimeException e) {
            redis.close();
            throw e;
        }
    }

    /** @return the Redis URI */
    String redisUri() {
        return redis.uri();
    }

    /** @return the emulator's {@code host:port} */
    String emulatorHost() {
        return firestore.host();
    }

    /**
     * Starts the emulator again, empty. Deleting its documents would not do: it keeps every version
     * of every document it was sent, in a heap of 512 MiB (about 3 KB per message), so a run that
     * sends several hundred thousand messages needs a fresh one per part.
     */
    void restartFirestore() {
        firestore.restart();
    }

    /** @return the CPU time used so far by this JVM, redis-server and the emulator */
    Cpu cpu() {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return new Cpu(os.getProcessCpuTime(), cpuOf(redis.pid()), cpuOf(firestore.pid()));
    }

    private static long cpuOf(long pid) {
        return ProcessHandle.of(pid).flatMap(handle -> handle.info().totalCpuDuration()).map(Duration::toNanos).orElse(0L);
    }

    @Override
    public void close() {
        try {
            firestore.close();
        } finally {
            redis.close();
        }
    }

    /**
     * CPU time used, in nanoseconds (the servers' at the kernel's tick, 10 ms).
     *
     * @param client   this JVM: Mnemo, the drivers and the benchmark itself
     * @param redis    redis-server
     * @param emulator the Firestore emulator
     */
    record Cpu(long client, long redis, long emulator) {

        /** None. */
        static final Cpu ZERO = new Cpu(0, 0, 0);

        /** @return what was used between {@code earlier} and this */
        Cpu since(Cpu earlier) {
            return new Cpu(client - earlier.client, redis - earlier.redis, emulator - earlier.emulator);
        }

        /** @return this and {@code other} together */
        Cpu plus(Cpu other) {
            return new Cpu(client + other.client, redis + other.redis, emulator + other.emulator);
        }

        /** @return the share of one of {@code count} operations */
        Cpu per(long count) {
            long n = Math.max(1, count);
            return new Cpu(client / n, redis / n, emulator / n);
        }
    }
}
