package dev.mnemo.store.memory;

import dev.mnemo.spi.MemoryStore;
import dev.mnemo.testkit.MemoryStoreContract;
import java.time.Duration;
import java.util.Optional;

/** The Caffeine tier keeps the store contract. */
class CaffeineMemoryStoreContractTest extends MemoryStoreContract {

    @Override
    protected MemoryStore createStore() {
        return new CaffeineMemoryStore(MemoryStoreConfig.ofDefaults());
    }

    @Override
    protected Optional<MemoryStore> createStoreWithTtl(Duration ttl) {
        return Optional.of(new CaffeineMemoryStore(MemoryStoreConfig.builder().expireAfterAccess(ttl).build()));
    }
}
