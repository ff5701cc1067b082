package dev.mnemo.it;

import dev.mnemo.Mnemo;
import dev.mnemo.MnemoConfig;
import dev.mnemo.WriteMode;
import dev.mnemo.spi.StoreConfig;
import dev.mnemo.store.firestore.FirestoreStore;
import dev.mnemo.store.firestore.FirestoreStoreConfig;
import dev.mnemo.testkit.firestore.FirestoreEmulator;
import dev.mnemo.testkit.redis.RedisServer;
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
        firestore.pause();
    }

    /** Thaws the emulator (SIGCONT). */
    void resumeFirestore() {
        firestore.resume();
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
