package dev.mnemo.store.redis;

import dev.mnemo.spi.MemoryStore;
import dev.mnemo.store.redis.RedisStoreConfig.Mode;
import dev.mnemo.testkit.MemoryStoreContract;
import dev.mnemo.testkit.redis.RedisClusterExtension;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Redis tier keeps the store contract against a real 3-master Redis Cluster, where a
 * session's keys, its user's keys and the namespace's keys live on different nodes.
 */
class RedisClusterStoreContractTest extends MemoryStoreContract {

    @RegisterExtension
    static final RedisClusterExtension CLUSTER = new RedisClusterExtension();

    @Override
    protected MemoryStore createStore() {
        return RedisStore.create(config().build());
    }

    @Override
    protected Optional<MemoryStore> createStoreWithTtl(Duration ttl) {
        return Optional.of(RedisStore.create(config().ttl(ttl).build()));
    }

    private static RedisStoreConfig.Builder config() {
        return RedisStoreConfig.builder().mode(Mode.CLUSTER).uri(CLUSTER.uri());
    }
}
