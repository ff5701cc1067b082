package dev.mnemo.spring.boot;

import dev.mnemo.reference.MapMemoryStore;
import dev.mnemo.spi.Capabilities;
import dev.mnemo.spi.ConfigKey;
import dev.mnemo.spi.ConfigKeys;
import dev.mnemo.spi.Health;
import dev.mnemo.spi.MemoryStore;
import dev.mnemo.spi.StoreConfig;
import dev.mnemo.spi.StoreProvider;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A stand-in server tier for the tests, in process: the reference map store, declared durable, or
 * hot (shared and windowed) with {@code mnemo.map-tier.hot=true}. Never chosen on its own;
 * {@code mnemo.tiers=map-tier,memory} names it. With {@code mnemo.map-tier.down=true} its health
 * check fails. It declares its keys, as a plugin does, so that Mnemo does not refuse them.
 */
public final class MapTierProvider implements StoreProvider, ConfigKeys {

    /** {@code mnemo.map-tier.down}: whether the tier's health check fails. */
    static final ConfigKey<Boolean> DOWN = ConfigKey.bool("mnemo.map-tier.down", false,
            "the test tier's health check fails");

    /** {@code mnemo.map-tier.hot}: whether the tier plays the hot role instead of the durable one. */
    static final ConfigKey<Boolean> HOT = ConfigKey.bool("mnemo.map-tier.hot", false,
            "the test tier is hot (shared, windowed) instead of durable");

    @Override
    public String module() {
        return "map-tier (starter tests)";
    }

    @Override
    public List<ConfigKey<?>> keys() {
        return List.of(DOWN, HOT);
    }

    @Override
    public String name() {
        return "map-tier";
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public boolean isAvailable(StoreConfig config) {
        return false;
    }

    @Override
    public MemoryStore create(StoreConfig config) {
        boolean down = config.reader().get(DOWN);
        Capabilities capabilities = config.reader().get(HOT) ? new Capabilities(false, true, 50, null)
                : new Capabilities(true, false, 0, null);
        return new MapMemoryStore(name(), capabilities, new ConcurrentHashMap<>(), new ConcurrentHashMap<>(),
                Clock.systemUTC()) {
            @Override
            public CompletionStage<Health> health() {
                return down ? CompletableFuture.failedFuture(new IllegalStateException("disk on fire")) : super.health();
            }
        };
    }
}
