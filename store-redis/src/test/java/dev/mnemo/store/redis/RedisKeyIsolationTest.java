package dev.mnemo.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mnemo.InvalidInputException;
import dev.mnemo.Message;
import dev.mnemo.Session;
import dev.mnemo.SessionId;
import dev.mnemo.spi.SessionRef;
import dev.mnemo.spi.StoreConfig;
import dev.mnemo.spi.support.Stages;
import dev.mnemo.testkit.redis.RedisServerExtension;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** No two (key prefix, namespace, session id) triples share a Redis key: ':' separates the parts and is refused in the first two. */
class RedisKeyIsolationTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final SessionId ID = SessionId.of("s1");

    @Test
    void aKeyPrefixWithAColonIsRefusedSayingWhy() {
        assertThatThrownBy(() -> RedisStoreConfig.builder().keyPrefix("mnemo:a").build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("\"mnemo:a\"")
                .hasMessageContaining("':' separates the parts of a Redis key");
        assertThatThrownBy(() -> RedisStoreConfig.from(StoreConfig.of(Map.of("mnemo.redis.key-prefix", "mnemo:a"))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("mnemo.redis.key-prefix");
    }

    @Test
    void aNamespaceWithAColonIsRefusedSayingWhy() {
        assertThatThrownBy(() -> new SessionRef("a:b", ID)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("\"a:b\"").hasMessageContaining("':' separates the parts of a Redis key");
    }

    /**
     * Prefix {@code mnemo:a} with namespace {@code b} and prefix {@code mnemo} with namespace {@code a:b} were one
     * key space; their nearest allowed neighbours ({@code .} for {@code :}) are two, on one server.
     */
    @Test
    void neighbouringPrefixesAndNamespacesKeepApartOnOneServer() {
        try (RedisStore dotted = store("mnemo.a"); RedisStore plain = store("mnemo"); RawRedis raw = new RawRedis(REDIS.uri())) {
            SessionRef inDotted = new SessionRef("b", ID);
            SessionRef inPlain = new SessionRef("a.b", ID);
            Stages.join(dotted.createSession(Session.create(inDotted, "ada", Map.of(), Instant.now())));
            Stages.join(dotted.append(inDotted, List.of(Message.user("only in mnemo.a / b"))));

            assertThat(Stages.join(plain.getSession(inPlain))).isEqualTo(Optional.empty());
            Stages.join(plain.createSession(Session.create(inPlain, "bob", Map.of(), Instant.now())));
            assertThat(Stages.join(plain.lastMessages(inPlain, 10))).isEmpty();
            assertThat(Stages.join(plain.deleteUser("a.b", "ada"))).isZero();
            assertThat(Stages.join(dotted.lastMessages(inDotted, 10))).extracting(Message::content)
                    .containsExactly("only in mnemo.a / b");
            assertThat(raw.commands().keys("mnemo.a:*")).isNotEmpty().allMatch(key -> key.startsWith("mnemo.a:b:"));
            assertThat(raw.commands().keys("mnemo:*")).isNotEmpty().allMatch(key -> key.startsWith("mnemo:a.b:"));
        }
    }

    private static RedisStore store(String prefix) {
        return RedisStore.create(RedisStoreConfig.builder().uri(REDIS.uri()).keyPrefix(prefix).build());
    }
}
