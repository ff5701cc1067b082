package dev.mnemo.store.redis;

import dev.mnemo.spi.MemoryStore;
import dev.mnemo.testkit.MemoryStoreContract;
import dev.mnemo.testkit.redis.RedisServerExtension;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Redis tier keeps the store contract against one real redis-server. */
class RedisStoreContractTest extends MemoryStoreContract {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    @Override
    protected MemoryStore createStore() {
        return RedisStore.create(RedisStoreConfig.builder().uri(REDIS.uri()).build());
    }

    @Override
    protected Optional<MemoryStore> createStoreWithTtl(Duration ttl) {
        return Optional.of(RedisStore.create(RedisStoreConfig.builder().uri(REDIS.uri()).ttl(ttl).build()));
    }
}
