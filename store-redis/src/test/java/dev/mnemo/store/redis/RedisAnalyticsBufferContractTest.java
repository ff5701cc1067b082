package dev.mnemo.store.redis;

import dev.mnemo.spi.AnalyticsBuffer;
import dev.mnemo.testkit.AnalyticsBufferContract;
import dev.mnemo.testkit.redis.RedisServerExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Redis tier's analytics buffer keeps the buffer contract against one real redis-server. */
class RedisAnalyticsBufferContractTest extends AnalyticsBufferContract {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    @Override
    protected AnalyticsBuffer createBuffer() {
        RedisStoreConfig config = RedisStoreConfig.builder().uri(REDIS.uri()).build();
        return closeAfterTest(RedisStore.create(config)).analyticsBuffer(RETENTION);
    }
}
