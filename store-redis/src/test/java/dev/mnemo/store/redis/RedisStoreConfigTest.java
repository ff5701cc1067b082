package dev.mnemo.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mnemo.InvalidInputException;
import dev.mnemo.spi.StoreConfig;
import dev.mnemo.spi.StoreProvider;
import dev.mnemo.store.redis.RedisStoreConfig.Mode;
import java.time.Duration;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class RedisStoreConfigTest {

    @Test
    void unsetKeysGiveTheDocumentedDefaults() {
        RedisStoreConfig config = RedisStoreConfig.from(StoreConfig.DEFAULTS);
        assertThat(config).isEqualTo(RedisStoreConfig.ofDefaults());
        assertThat(config.uri()).isEqualTo(RedisStoreConfig.DEFAULT_URI);
        assertThat(config.mode()).isEqualTo(Mode.STANDALONE);
        assertThat(config.windowSize()).isEqualTo(100);
        assertThat(config.ttl()).isEqualTo(Duration.ofHours(2));
        assertThat(config.keyPrefix()).isEqualTo("mnemo");
        assertThat(config.commandTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.requestQueueSize()).isEqualTo(RedisStoreConfig.DEFAULT_REQUEST_QUEUE_SIZE);
        assertThat(config.reconnectDelay()).isEqualTo(RedisStoreConfig.DEFAULT_RECONNECT_DELAY);
    }

    @Test
    void everyKeyIsReadBelowMnemoRedis() {
        RedisStoreConfig config = RedisStoreConfig.from(StoreConfig.of(Map.of(
                "mnemo.redis.uri", "redis://a:7000, redis://b:7001",
                "mnemo.redis.mode", "cluster",
                "mnemo.redis.window-size", "20",
                "mnemo.redis.ttl", "30m",
                "mnemo.redis.key-prefix", "chat",
                "mnemo.redis.command-timeout", "500ms",
                "mnemo.redis.request-queue-size", "64",
                "mnemo.redis.reconnect-delay", "50ms",
                "mnemo.redis.journal-limit", "500",
                "mnemo.redis.journal-lease", "2s")));
        assertThat(config).isEqualTo(new RedisStoreConfig("redis://a:7000, redis://b:7001", Mode.CLUSTER, 20,
                Duration.ofMinutes(30), "chat", Duration.ofMillis(500), 64, Duration.ofMillis(50), 500,
                Duration.ofSeconds(2), 0, RedisTls.DEFAULTS));
        assertThat(config.toBuilder().build()).isEqualTo(config);
    }

    @Test
    void badValuesAreReportedAllAtOnce() {
        StoreConfig bad = StoreConfig.of(Map.of(
                "mnemo.redis.uri", "http://localhost:6379",
                "mnemo.redis.window-size", "0",
                "mnemo.redis.ttl", "soon",
                "mnemo.redis.key-prefix", "a{b}",
                "mnemo.redis.command-timeout", "0ms",
                "mnemo.redis.request-queue-size", "many",
                "mnemo.redis.reconnect-delay", "-5s",
                "mnemo.redis.journal-limit", "0",
                "mnemo.redis.mode", "sharded"));
        assertThatThrownBy(() -> RedisStoreConfig.from(bad))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContainingAll("mnemo.redis.uri", "http://localhost:6379", "mnemo.redis.window-size",
                        "mnemo.redis.ttl", "soon", "mnemo.redis.key-prefix", "a{b}", "mnemo.redis.command-timeout",
                        "mnemo.redis.request-queue-size", "many", "mnemo.redis.reconnect-delay", "mnemo.redis.journal-limit",
                        "mnemo.redis.mode", "sharded");
    }

    @Test
    void severalUrisNeedClusterModeAndSentinelUrisKeepTheirCommas() {
        assertThatThrownBy(() -> RedisStoreConfig.builder().uri("redis://a:7000,redis://b:7001").build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("mnemo.redis.mode=cluster");
        assertThat(RedisStoreConfig.builder().uri("redis-sentinel://s1:26379,s2:26379#mymaster").build().mode())
                .isEqualTo(Mode.STANDALONE);
        assertThatThrownBy(() -> RedisStoreConfig.builder().mode(Mode.CLUSTER).uri("redis-sentinel://s1:26379#m").build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("cluster mode");
    }

    @Test
    void builderNamesTheBadValue() {
        assertThatThrownBy(() -> RedisStoreConfig.builder().windowSize(RedisStoreConfig.MAX_WINDOW_SIZE + 1).build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("window-size").hasMessageContaining("10001");
        assertThatThrownBy(() -> RedisStoreConfig.builder().ttl(Duration.ofMillis(5)).build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("mnemo.redis.ttl: expected at least 100ms, was 5ms");
    }

    @Test
    void passwordsNeverShowInToStringOrErrors() {
        RedisStoreConfig config = RedisStoreConfig.builder().uri("rediss://app:s3cret@cache.example:6380").build();
        assertThat(config.toString()).contains("cache.example").doesNotContain("s3cret");
        assertThatThrownBy(() -> RedisStoreConfig.builder().uri("tcp://app:s3cret@cache.example").build())
                .isInstanceOf(InvalidInputException.class).message().doesNotContain("s3cret");
        assertThatThrownBy(() -> RedisStoreConfig.from(StoreConfig.of(Map.of("mnemo.redis.uri",
                "tcp://app:s3cret@cache.example", "mnemo.redis.mode", "cluster"))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("mnemo.redis.uri")
                .message().doesNotContain("s3cret");
        assertThat(RedisStoreConfig.URI.isSecret()).isTrue();
    }

    @Test
    void providerIsFoundByServiceLoaderAndAvailableWhenTheUriIsSet() {
        StoreProvider provider = ServiceLoader.load(StoreProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(found -> found.name().equals("redis"))
                .findFirst().orElseThrow();
        assertThat(provider).isInstanceOf(RedisStoreProvider.class);
        assertThat(provider.priority()).isGreaterThan(0);
        assertThat(provider.isAvailable(StoreConfig.DEFAULTS)).isFalse();
        assertThat(provider.isAvailable(StoreConfig.of(Map.of("mnemo.redis.uri", "redis://localhost")))).isTrue();
        assertThatThrownBy(() -> provider.create(StoreConfig.of(Map.of("mnemo.redis.uri", "redis://localhost",
                "mnemo.redis.window-size", "-1")))).isInstanceOf(InvalidInputException.class);
    }
}
