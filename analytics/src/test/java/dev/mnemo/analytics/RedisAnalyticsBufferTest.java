package dev.mnemo.analytics;

import dev.mnemo.spi.AnalyticsBuffer;
import dev.mnemo.store.redis.RedisStore;
import dev.mnemo.store.redis.RedisStoreConfig;
import dev.mnemo.testkit.redis.RedisServerExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Redis tier's buffer keeps the buffer contract, against a real redis-server. */
class RedisAnalyticsBufferTest extends AnalyticsBufferContract {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private final List<RedisStore> stores = new ArrayList<>();

    @Override
    protected AnalyticsBuffer createBuffer() {
        RedisStore store = RedisStore.create(RedisStoreConfig.builder().uri(REDIS.uri()).build());
        stores.add(store);
        return store.analyticsBuffer(Duration.ofDays(1));
    }

    @AfterEach
    void close() {
        stores.forEach(RedisStore::close);
    }
}
