package dev.mnemo.adk;

import dev.mnemo.Mnemo;
import dev.mnemo.MnemoConfig;
import dev.mnemo.spi.StoreConfig;
import dev.mnemo.store.memory.CaffeineMemoryStore;
import dev.mnemo.store.memory.MemoryStoreConfig;
import dev.mnemo.testkit.firestore.FirestoreEmulatorExtension;
import dev.mnemo.testkit.redis.RedisServerExtension;
import java.util.Map;
import java.util.UUID;

/** The Mnemo deployments the tests run ADK on; each Mnemo is one "process". */
final class Deployments {

    /** A Redis window smaller than the sessions the tests write, so reads past it go to Firestore. */
    static final int REDIS_WINDOW = 8;

    private Deployments() {
    }

    /** @return a fresh namespace, so that tests sharing servers share no {@code app:} state */
    static String namespace() {
        return "adk-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** @return a Mnemo on the embedded memory tier alone */
    static Mnemo memory(String namespace) {
        return Mnemo.builder().tiers(new CaffeineMemoryStore(MemoryStoreConfig.ofDefaults()))
                .settings(MnemoConfig.builder().namespace(namespace).build()).build();
    }

    /**
     * @return a Mnemo on Redis (hot), Firestore (durable) and memory (fallback), found by discovery
     *         from configuration as a deployment finds them, with the breakers and time limits a
     *         deployment runs with
     */
    static Mnemo servers(RedisServerExtension redis, FirestoreEmulatorExtension firestore, String namespace) {
        StoreConfig config = StoreConfig.of(Map.of(
                "mnemo.tiers", "redis,firestore,memory",
                "mnemo.namespace", namespace,
                "mnemo.redis.uri", redis.uri(),
                "mnemo.redis.window-size", String.valueOf(REDIS_WINDOW),
                "mnemo.firestore.emulator-host", firestore.host(),
                "mnemo.firestore.project-id", firestore.projectId()));
        return Mnemo.builder().config(config).settings(MnemoConfig.from(config)).build();
    }
}
