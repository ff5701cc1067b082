package dev.mnemo.store.memory;

import dev.mnemo.spi.MemoryStore;
import dev.mnemo.spi.StoreConfig;
import dev.mnemo.spi.StoreProvider;

/**
 * Provides the Caffeine tier, {@code memory}: always available, lowest priority, so it is the
 * embedded default alone and the fallback beside server tiers.
 */
public final class MemoryStoreProvider implements StoreProvider {

    @Override
    public String name() {
        return CaffeineMemoryStore.NAME;
    }

    @Override
    public MemoryStore create(StoreConfig config) {
        return new CaffeineMemoryStore(MemoryStoreConfig.from(config));
    }
}
