package dev.mnemo.it;

import dev.mnemo.Mnemo;
import dev.mnemo.MnemoConfig;
import dev.mnemo.WriteMode;
import dev.mnemo.spi.StoreConfig;
import dev.mnemo.store.firestore.FirestoreStore;
import dev.mnemo.store.firestore.FirestoreStoreConfig;
import dev.mnemo.testkit.firestore.FirestoreEmulator;
import dev.mnemo.testkit.redis.RedisServer;
import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import java.util.HashMap;
import java.util.Map;

/**
 * The real servers of the fault tests, one of each per test class (registered as its extension), and Mnemo instances routed
 * over them: Redis (hot; with AOF and {@code appendfsync always}, as the README's guarantee across
 * a Redis crash assumes), the Firestore emulator (durable) and Caffeine (fallback), found by
 * discovery from configuration as a deployment would. Breakers, time limits, retries and the
 * clients' timeouts are the defaults a deployment runs with, so no test depends on a cold call
 * (a new JVM's first Firestore call) finishing within a hair-trigger limit, and a fault is noticed
 * at the pace it would be in production: a few seconds. Only the background pace is quick, which
 * decides how soon recovery shows, never whether a tier counts as down: replays every 50 ms, and
 * journal leases of 1 s so that another process takes over a dead one's journal quickly.
 */
final class Servers implements AutoCloseable, AfterAllCallback {

    static final String PROJECT = "mnemo-it";

    final RedisServer redis = RedisServer.start("--appendonly", "yes", "--appendfsync", "always");
    final FirestoreEmulator firestore = FirestoreEmulator.start();

    Mnemo mnemo(String namespace, WriteMode mode) {
        return mnemo(namespace, mode, Map.of());
    }

    /** @param overrides configuration keys that replace the defaults and the quick background pace */
    Mnemo mnemo(String namespace, WriteMode mode, Map<String, String> overrides) {
        StoreConfig config = StoreConfig.of(config(namespace, mode, overrides));
        return Mnemo.builder().config(config).settings(MnemoConfig.from(config)).build();
    }

    /** @return the configuration keys of {@link #mnemo(String, WriteMode, Map)}, to hand to another process */
    Map<String, String> config(String namespace, WriteMode mode, Map<String, String> overrides) {
        Map<String, String> keys = new HashMap<>();
        keys.put("mnemo.tiers", "redis,firestore,memory");
        keys.put("mnemo.namespace", namespace);
        keys.put("mnemo.write-mode", mode.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        keys.put("mnemo.flush-interval", "50ms");
        keys.put("mnemo.redis.uri", redis.uri());
        keys.put("mnemo.redis.journal-lease", "1s");
        keys.put("mnemo.firestore.emulator-host", firestore.host());
        keys.put("mnemo.firestore.project-id", PROJECT);
        keys.putAll(overrides);
        return keys;
    }

    /** @return a store reading the emulator directly, to check what the durable tier holds */
    FirestoreStore durableView() {
        return new FirestoreStore(FirestoreStoreConfig.builder().projectId(PROJECT).emulatorHost(firestore.host()).build());
    }

    /** Freezes the emulator (SIGSTOP): calls hang until they time out, as in a network partition; no data is lost. */
    void pauseFirestore() {
        signal("-STOP");
        awaitState(firestore.pid(), 'T'); // a loaded machine may take a moment to stop every thread
    }

    /** Thaws the emulator (SIGCONT). */
    void resumeFirestore() {
        signal("-CONT");
    }

    private void signal(String signal) {
        signal(signal, firestore.pid());
    }

    /** Waits until every thread of process {@code pid} is in {@code state} (as {@code /proc} shows it), for up to 5 s. */
    private static void awaitState(long pid, char state) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (var tasks = java.nio.file.Files.list(java.nio.file.Path.of("/proc", Long.toString(pid), "task"))) {
                if (tasks.allMatch(task -> threadState(task) == state)) {
                    return;
                }
                Thread.sleep(5);
            } catch (IOException e) {
                return; // no /proc: the signal is all we can do
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new IllegalStateException("process " + pid + " did not reach state " + state + " within 5 s");
    }

    private static char threadState(java.nio.file.Path task) {
        try {
            String stat = java.nio.file.Files.readString(task.resolve("stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2);
        } catch (IOException e) {
            return '?'; // the thread ended meanwhile
        }
    }

    /** Sends {@code signal} (such as {@code -STOP}) to process {@code pid}. */
    static void signal(String signal, long pid) {
        try {
            Process kill = new ProcessBuilder("kill", signal, Long.toString(pid)).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill " + signal + " failed for process " + pid);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** @return a namespace of its own for one test, so tests on the same servers never see each other's data */
    static String namespace(String prefix) {
        return prefix + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    }

    /** Registered as an extension ({@code @RegisterExtension static final Servers servers = new Servers()}): stops the servers after the class. */
    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        try {
            resumeFirestore();
        } finally {
            firestore.close();
            redis.close();
        }
    }
}
