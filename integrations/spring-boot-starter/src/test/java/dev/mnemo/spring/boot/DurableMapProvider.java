package dev.mnemo.spring.boot;

import dev.mnemo.reference.MapMemoryStore;
import dev.mnemo.spi.Capabilities;
import dev.mnemo.spi.Health;
import dev.mnemo.spi.MemoryStore;
import dev.mnemo.spi.StoreConfig;
import dev.mnemo.spi.StoreProvider;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A stand-in durable tier for the tests, in process: the reference map store declared durable.
 * Never chosen on its own; {@code mnemo.tiers=durable-map,memory} names it. With
 * {@code mnemo.durable-map.down=true} its health check fails.
 */
public final class DurableMapProvider implements StoreProvider {

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
        boolean down = config.reader("mnemo.durable-map").bool("down", false);
        return new MapMemoryStore(name(), new Capabilities(true, false, 0, null), new ConcurrentHashMap<>(),
                new ConcurrentHashMap<>(), Clock.systemUTC()) {
            @Override
            public CompletionStage<Health> health() {
                return down ? CompletableFuture.failedFuture(new IllegalStateException("disk on fire")) : super.health();
            }
        };
    }
}
