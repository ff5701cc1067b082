package dev.mnemo.store.redis.internal;

import dev.mnemo.spi.ConfigKey;
import dev.mnemo.spi.ConfigKeys;
import dev.mnemo.store.redis.RedisStoreConfig;
import java.util.List;

/** The keys {@code mnemo-store-redis} reads: the Redis tier's, {@link RedisStoreConfig#KEYS}. */
public final class RedisKeys implements ConfigKeys {

    @Override
    public String module() {
        return "mnemo-store-redis";
    }

    @Override
    public List<ConfigKey<?>> keys() {
        return RedisStoreConfig.KEYS;
    }
}
