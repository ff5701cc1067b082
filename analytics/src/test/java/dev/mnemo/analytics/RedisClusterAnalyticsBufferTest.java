package dev.mnemo.analytics;

import dev.mnemo.spi.AnalyticsBuffer;
import dev.mnemo.store.redis.RedisStore;
import dev.mnemo.store.redis.RedisStoreConfig;
import dev.mnemo.testkit.redis.RedisClusterExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Redis tier's buffer keeps the buffer contract on a real 3-master Cluster, where a session's
 * buffer and its namespace's schedule live on different nodes.
 */
class RedisClusterAnalyticsBufferTest extends AnalyticsBufferContract {

    @RegisterExtension
    static final RedisClusterExtension CLUSTER = new RedisClusterExtension();

    private final List<RedisStore> stores = new ArrayList<>();

    @Override
    protected AnalyticsBuffer createBuffer() {
        RedisStore store = RedisStore.create(RedisStoreConfig.builder().mode(RedisStoreConfig.Mode.CLUSTER)
                .uri(CLUSTER.uri()).build());
        stores.add(store);
        return store.analyticsBuffer(Duration.ofDays(1));
    }

    @AfterEach
    void close() {
        stores.forEach(RedisStore::close);
    }
}
