package dev.mnemo.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mnemo.Message;
import dev.mnemo.Session;
import dev.mnemo.SessionId;
import dev.mnemo.StoreUnavailableException;
import dev.mnemo.spi.support.Stages;
import dev.mnemo.spi.Health;
import dev.mnemo.spi.SessionRef;
import dev.mnemo.testkit.redis.RedisServer;
import dev.mnemo.testkit.redis.RedisServerExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An outage fails each call into its stage instead of buffering it, and the store recovers by
 * itself once Redis is back, reloading its scripts into the restarted server's empty cache.
 */
class RedisOutageTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    /** A bound on how long a failing call may take: the command timeout and then some, not a performance claim. */
    private static final Duration COMMAND_TIMEOUT = Duration.ofMillis(500);

    @Test
    void callsDuringAnOutageFailAsUnavailableThenSucceedAfterRestart() throws Exception {
        RedisServer server = REDIS.server();
        try (RedisStore store = RedisStore.create(config())) {
            SessionRef ref = open(store);
            server.kill();

            CompletableFuture<?> append = store.append(ref, List.of(Message.user("lost?"))).toCompletableFuture();
            assertThatThrownBy(() -> append.get(COMMAND_TIMEOUT.toMillis() * 4, TimeUnit.MILLISECONDS))
                    .hasCauseInstanceOf(StoreUnavailableException.class);
            assertThat(Stages.join(store.health()).up()).isFalse();

            server.restart();
            SessionRef again = eventually(() -> open(store));
            assertThat(Stages.join(store.append(again, List.of(Message.user("back")))).appended()).isEqualTo(1);
            Health health = Stages.join(store.health());
            assertThat(health.up()).isTrue();
        } finally {
            if (!server.isRunning()) {
                server.restart();
            }
        }
    }

    @Test
    void storeCreatedWhileRedisIsDownConnectsOnceRedisIsUp() {
        RedisServer server = REDIS.server();
        server.kill();
        try (RedisStore store = RedisStore.create(config())) {
            assertThatThrownBy(() -> Stages.join(store.getSession(ref()))).isInstanceOf(StoreUnavailableException.class);
            server.restart();
            SessionRef ref = eventually(() -> open(store));
            assertThat(Stages.join(store.getSession(ref))).isPresent();
        } finally {
            if (!server.isRunning()) {
                server.restart();
            }
        }
    }

    private static RedisStoreConfig config() {
        return RedisStoreConfig.builder().uri(REDIS.uri()).commandTimeout(COMMAND_TIMEOUT)
                .reconnectDelay(Duration.ofMillis(50)).build();
    }

    private static SessionRef ref() {
        return new SessionRef("outage-" + UUID.randomUUID(), SessionId.of("s1"));
    }

    private static SessionRef open(RedisStore store) {
        SessionRef ref = ref();
        Stages.join(store.createSession(Session.create(ref, "u1", Map.of(), Instant.now())));
        return ref;
    }

    /** Retries until the store has reconnected; gives up after 10 seconds. */
    private static <T> T eventually(Supplier<T> call) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                return call.get();
            } catch (StoreUnavailableException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
