package dev.mnemo.benchmarks;

import dev.mnemo.Mnemo;
import dev.mnemo.MnemoConfig;
import dev.mnemo.WriteMode;
import dev.mnemo.spi.MemoryStore;
import dev.mnemo.spi.StoreConfig;
import dev.mnemo.store.firestore.FirestoreStore;
import dev.mnemo.store.firestore.FirestoreStoreConfig;
import dev.mnemo.store.memory.CaffeineMemoryStore;
import dev.mnemo.store.memory.MemoryStoreConfig;
import dev.mnemo.store.redis.RedisStore;
import dev.mnemo.store.redis.RedisStoreConfig;
import java.util.List;
import java.util.Map;

/**
 * The configurations measured, each with its tiers at their defaults on the run's servers, except
 * the memory tier's bound, raised to 2 GiB so that no session is evicted while it is measured.
 */
enum Setup {
    /** Mnemo over the Caffeine tier alone: the embedded default. */
    MEMORY("memory", false, false),
    /** Mnemo over the Redis tier alone. */
    REDIS("redis", false, true),
    /** The Redis tier through the store SPI, without Mnemo: what the tier itself costs. */
    REDIS_SPI("redis spi", false, false),
    /** Mnemo over the Firestore tier alone, on the emulator. */
    FIRESTORE("firestore", true, false),
    /** The router over Redis (hot), Firestore (durable) and memory (fallback), acknowledging after Firestore. */
    ROUTER_WRITE_THROUGH("router wt", true, true),
    /**
     * The same router acknowledging once Redis has the message and its journal entry; the durable
     * flusher sends journaled messages to Firestore behind, in multi-session commits.
     */
    ROUTER_WRITE_BEHIND("router wb", true, true);

    private static final long MEMORY_WEIGHT = 2L * 1024 * 1024 * 1024;

    private final String label;
    private final boolean usesFirestore;
    private final boolean readsPolicies;

    Setup(String label, boolean usesFirestore, boolean readsPolicies) {
        this.label = label;
        this.usesFirestore = usesFirestore;
        this.readsPolicies = readsPolicies;
    }

    /** @return the name in the tables */
    String label() {
        return label;
    }

    /** @return whether it keeps documents in the emulator */
    boolean usesFirestore() {
        return usesFirestore;
    }

    /**
     * @return whether its turns also read {@link ChatPolicy#FULL} and {@link ChatPolicy#WINDOW}: the
     *         configurations whose reads Redis serves
     */
    boolean readsPolicies() {
        return readsPolicies;
    }

    /** @return whether it is the router over Redis, Firestore and memory, in either write mode */
    boolean router() {
        return this == ROUTER_WRITE_THROUGH || this == ROUTER_WRITE_BEHIND;
    }

    /** @return the configuration, connected to {@code servers} */
    Subject open(Servers servers) {
        String namespace = "bench-" + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        return switch (this) {
            case MEMORY -> mnemo(label, namespace, WriteMode.WRITE_THROUGH, readsPolicies, memory());
            case REDIS -> mnemo(label, namespace, WriteMode.WRITE_THROUGH, readsPolicies, redis(servers));
            case REDIS_SPI -> new StoreSubject(label, redis(servers), false);
            case FIRESTORE -> mnemo(label, namespace, WriteMode.WRITE_THROUGH, readsPolicies, firestore(servers));
            case ROUTER_WRITE_THROUGH -> mnemo(label, namespace, WriteMode.WRITE_THROUGH, readsPolicies, redis(servers),
                    firestore(servers), memory());
            case ROUTER_WRITE_BEHIND -> mnemo(label, namespace, WriteMode.WRITE_BEHIND, readsPolicies, redis(servers),
                    firestore(servers), memory());
        };
    }

    /** The deadline of the measured Mnemo's calls: far above any measured latency. */
    private static final java.time.Duration CALL_TIMEOUT = java.time.Duration.ofMinutes(1);

    /**
     * @return Mnemo over {@code tiers}, in routing order, at its defaults but for the namespace, the write
     *         mode and a call deadline of {@link #CALL_TIMEOUT}: the untimed set-up (a cold emulator's first
     *         calls, seeding) must not fail for a deadline that is about production callers, not about this
     */
    static Subject mnemo(String label, String namespace, WriteMode mode, boolean policies, MemoryStore... tiers) {
        Mnemo mnemo = Mnemo.builder()
                .config(StoreConfig.of(Map.of()))
                .settings(MnemoConfig.builder().namespace(namespace).writeMode(mode).callTimeout(CALL_TIMEOUT).build())
                .tiers(tiers)
                .build();
        return new MnemoSubject(label, mnemo, namespace, List.of(tiers), policies);
    }

    /** @return the Caffeine tier, its bound raised to 2 GiB */
    static MemoryStore memory() {
        return new CaffeineMemoryStore(MemoryStoreConfig.builder().maximumWeight(MEMORY_WEIGHT).build());
    }

    /** @return the Redis tier at its defaults on the run's Redis */
    static MemoryStore redis(Servers servers) {
        return RedisStore.create(RedisStoreConfig.builder().uri(servers.redisUri()).build());
    }

    /** @return the Firestore tier at its defaults on the run's emulator */
    static MemoryStore firestore(Servers servers) {
        return new FirestoreStore(FirestoreStoreConfig.builder().projectId(Servers.PROJECT)
                .emulatorHost(servers.emulatorHost()).build());
    }
}
