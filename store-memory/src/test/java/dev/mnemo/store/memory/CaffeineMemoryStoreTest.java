package dev.mnemo.store.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mnemo.InvalidInputException;
import dev.mnemo.Message;
import dev.mnemo.Mnemo;
import dev.mnemo.Session;
import dev.mnemo.SessionId;
import dev.mnemo.spi.support.Stages;
import dev.mnemo.spi.SessionRef;
import dev.mnemo.spi.StoreConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CaffeineMemoryStoreTest {

    @Test
    void whenWeightIsExceededThenLeastRecentlyUsedSessionsAreEvictedWhole() throws InterruptedException {
        try (CaffeineMemoryStore store = new CaffeineMemoryStore(MemoryStoreConfig.builder().maximumWeight(64 * 1024).build())) {
            SessionRef first = new SessionRef("ns", SessionId.of("first"));
            Stages.join(store.createSession(Session.create(first, "u", Map.of(), Instant.now())));
            Stages.join(store.append(first, List.of(Message.user("x".repeat(1000)))));
            for (int i = 0; i < 100; i++) {
                SessionRef other = new SessionRef("ns", SessionId.of("other-" + i));
                Stages.join(store.createSession(Session.create(other, "u", Map.of(), Instant.now())));
                Stages.join(store.append(other, List.of(Message.user("y".repeat(1000)))));
            }
            Optional<Session> evicted = Optional.of(Session.create(first, "u", Map.of(), Instant.now()));
            for (int attempt = 0; attempt < 100 && evicted.isPresent(); attempt++) {
                Thread.sleep(20); // Caffeine evicts on its maintenance executor
                evicted = Stages.join(store.getSession(first));
            }
            assertThat(evicted).isEmpty();
        }
    }

    @Test
    void badConfigurationIsReportedAllAtOnce() {
        StoreConfig config = StoreConfig.of(Map.of(
                "mnemo.memory.maximum-weight", "lots",
                "mnemo.memory.expire-after-access", "-5s",
                "mnemo.memory.maximum-shared-scopes", "0"));
        assertThatThrownBy(() -> MemoryStoreConfig.from(config))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("mnemo.memory.maximum-weight 'lots': expected a whole number")
                .hasMessageContaining("mnemo.memory.expire-after-access '-5s'")
                .hasMessageContaining("mnemo.memory.maximum-shared-scopes expected at least 1, was 0");
        assertThatThrownBy(() -> MemoryStoreConfig.builder().expireAfterAccess(Duration.ZERO).build())
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("mnemo.memory.expire-after-access: expected at least 1ms, was 0s");
    }

    @Test
    void configurationIsReadWithUnits() {
        MemoryStoreConfig config = MemoryStoreConfig.from(StoreConfig.of(Map.of(
                "mnemo.memory.maximum-weight", "1048576", "mnemo.memory.expire-after-access", "90m")));
        assertThat(config).isEqualTo(MemoryStoreConfig.builder().maximumWeight(1_048_576)
                .expireAfterAccess(Duration.ofMinutes(90)).build());
        assertThat(MemoryStoreConfig.from(StoreConfig.DEFAULTS)).isEqualTo(MemoryStoreConfig.ofDefaults());
    }

    @Test
    void withNoTierConfiguredTheMemoryTierIsTheEmbeddedDefault() {
        try (Mnemo mnemo = Mnemo.builder().config(StoreConfig.DEFAULTS).build()) {
            SessionId id = SessionId.of("embedded");
            mnemo.blocking().openSession(id, "u1");
            var result = mnemo.blocking().append(id, Message.user("hello there"));
            assertThat(result.tier()).isEqualTo("memory");
            assertThat(result.degraded()).isFalse();
            assertThat(result.messages().get(0).tokens()).isPositive();
        }
    }
}
