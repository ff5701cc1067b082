package dev.mnemo.store.redis;

import dev.mnemo.spi.MemoryStore;
import dev.mnemo.spi.StoreConfig;
import dev.mnemo.spi.StoreProvider;

/**
 * Makes the {@link RedisStore}: tier {@code redis}, available when {@code mnemo.redis.uri} is set,
 * configured by the keys of {@link RedisStoreConfig}. Registered for {@link java.util.ServiceLoader}.
 */
public final class RedisStoreProvider implements StoreProvider {

    /** The priority of the Redis tier: above the memory tier's 0, so a configured Redis is used first. */
    public static final int PRIORITY = 200;

    /** Used by {@link java.util.ServiceLoader}. */
    public RedisStoreProvider() {
    }

    @Override
    public String name() {
        return RedisStore.NAME;
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    /** @return whether {@code mnemo.redis.uri} is set */
    @Override
    public boolean isAvailable(StoreConfig config) {
        return config.reader().isSet(RedisStoreConfig.URI);
    }

    /** @throws dev.mnemo.InvalidInputException listing every bad {@code mnemo.redis.} key */
    @Override
    public MemoryStore create(StoreConfig config) {
        return RedisStore.create(RedisStoreConfig.from(config));
    }
}
