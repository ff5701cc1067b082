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
 * A stand-in durable tier for the tests, in process: the reference map store declared durable.
 * Never chosen on its own; {@code mnemo.tiers=durable-map,memory} names it. With
 * {@code mnemo.durable-map.down=true} its health check fails. It declares that key, as a plugin
 * does, so that Mnemo does not refuse it.
 */
public final class DurableMapProvider implements StoreProvider, ConfigKeys {

    /** {@code mnemo.durable-map.down}: whether the tier's health check fails. */
    static final ConfigKey<Boolean> DOWN = ConfigKey.bool("mnemo.durable-map.down", false,
            "the test tier's health check fails");

    @Override
    public String module() {
        return "durable-map (starter tests)";
    }

    @Override
    public List<ConfigKey<?>> keys() {
        return List.of(DOWN);
    }

    @Override
    public String name() {
        return "durable-map";
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
        return new MapMemoryStore(name(), new Capabilities(true, false, 0, null), new ConcurrentHashMap<>(),
                new ConcurrentHashMap<>(), Clock.systemUTC()) {
            @Override
            public CompletionStage<Health> health() {
                return down ? CompletableFuture.failedFuture(new IllegalStateException("disk on fire")) : super.health();
            }
        };
    }
}
