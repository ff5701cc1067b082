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
import java.util.HashMap;
import java.util.Map;

/**
 * The real servers of the fault tests, one of each per test class, and Mnemo instances routed
 * over them: Redis (hot; with AOF and {@code appendfsync always}, as the README's guarantee across
 * a Redis crash assumes), the Firestore emulator (durable) and Caffeine (fallback), found by
 * discovery from configuration as a deployment would. Breakers and timeouts are short so a fault
 * is noticed within a second, and journal leases short so another process takes over quickly.
 */
final class Servers implements AutoCloseable {

    static final String PROJECT = "mnemo-it";

    final RedisServer redis = RedisServer.start("--appendonly", "yes", "--appendfsync", "always");
    final FirestoreEmulator firestore = FirestoreEmulator.start();

    Mnemo mnemo(String namespace, WriteMode mode) {
        return mnemo(namespace, mode, Map.of());
    }

    /** @param overrides configuration keys that replace the fault tests' short breakers and timeouts */
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
        keys.put("mnemo.redis.command-timeout", "500ms");
        keys.put("mnemo.redis.reconnect-delay", "100ms");
        keys.put("mnemo.firestore.emulator-host", firestore.host());
        keys.put("mnemo.firestore.project-id", PROJECT);
        keys.put("mnemo.firestore.timeout", "2s");
        keys.put("mnemo.resilience.timeout", "1s");
        keys.put("mnemo.resilience.sliding-window-size", "4");
        keys.put("mnemo.resilience.minimum-calls", "2");
        keys.put("mnemo.resilience.wait-in-open", "300ms");
        keys.put("mnemo.resilience.retry-attempts", "1");
        keys.put("mnemo.redis.journal-lease", "1s");
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
    }

    /** Thaws the emulator (SIGCONT). */
    void resumeFirestore() {
        signal("-CONT");
    }

    private void signal(String signal) {
        signal(signal, firestore.pid());
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
