package dev.mnemo.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mnemo.InvalidInputException;
import dev.mnemo.Message;
import dev.mnemo.Session;
import dev.mnemo.SessionId;
import dev.mnemo.StoreUnavailableException;
import dev.mnemo.spi.SessionChange;
import dev.mnemo.spi.SessionRef;
import dev.mnemo.spi.support.Stages;
import dev.mnemo.store.redis.RedisStoreConfig.Mode;
import dev.mnemo.testkit.redis.RedisServerExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** mnemo.redis.min-replicas-acked: a journaled write that too few replicas confirm is refused as an outage, never acknowledged. */
class RedisReplicasTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    @Test
    void withoutTheReplicasItAsksForAJournaledWriteFailsAsAnOutage() {
        try (RedisStore store = RedisStore.create(RedisStoreConfig.builder().uri(REDIS.uri()).minReplicasAcked(1)
                .commandTimeout(Duration.ofSeconds(2)).build())) { // room to connect on a loaded machine
            SessionRef ref = new SessionRef("replicas", SessionId.of("s-" + UUID.randomUUID()));
            Session session = Session.create(ref, "ada", Map.of(), Instant.now());
            assertThatThrownBy(() -> Stages.join(store.writeJournaled(new SessionChange.Create(session))))
                    .isInstanceOf(StoreUnavailableException.class).hasMessageContaining("0 of the 1 replicas");
            assertThatThrownBy(() -> Stages.join(store.appendJournaled(ref, List.of(Message.user("hello")))))
                    .isInstanceOf(StoreUnavailableException.class).hasMessageContaining("mnemo.redis.min-replicas-acked");
            // Unjournaled writes (no durable tier to lose anything to) do not wait.
            assertThat(Stages.join(store.append(ref, List.of(Message.user("hello again")))).appended()).isEqualTo(1);
        }
    }

    @Test
    void clusterModeRefusesItSinceWaitWouldReachAnotherNode() {
        assertThatThrownBy(() -> RedisStoreConfig.builder().mode(Mode.CLUSTER).uri("redis://a:7000").minReplicasAcked(1).build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("mnemo.redis.min-replicas-acked");
    }
}
