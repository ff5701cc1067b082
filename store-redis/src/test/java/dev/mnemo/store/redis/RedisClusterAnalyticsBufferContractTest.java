package dev.mnemo.store.redis;

import dev.mnemo.spi.AnalyticsBuffer;
import dev.mnemo.store.redis.RedisStoreConfig.Mode;
import dev.mnemo.testkit.AnalyticsBufferContract;
import dev.mnemo.testkit.redis.RedisClusterExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Redis tier's analytics buffer keeps the buffer contract on a real 3-master Cluster, where a
 * session's buffer and its namespace's schedule live on different nodes.
 */
class RedisClusterAnalyticsBufferContractTest extends AnalyticsBufferContract {

    @RegisterExtension
    static final RedisClusterExtension CLUSTER = new RedisClusterExtension();

    @Override
    protected AnalyticsBuffer createBuffer() {
        RedisStoreConfig config = RedisStoreConfig.builder().mode(Mode.CLUSTER).uri(CLUSTER.uri()).build();
        return closeAfterTest(RedisStore.create(config)).analyticsBuffer(RETENTION);
    }
}
