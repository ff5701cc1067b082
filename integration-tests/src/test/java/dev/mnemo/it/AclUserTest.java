package dev.mnemo.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mnemo.BlockingMnemo;
import dev.mnemo.Message;
import dev.mnemo.Mnemo;
import dev.mnemo.MnemoConfig;
import dev.mnemo.MnemoHealth;
import dev.mnemo.SessionId;
import dev.mnemo.StateDelta;
import dev.mnemo.context.ContextPolicy;
import dev.mnemo.spi.StoreConfig;
import dev.mnemo.testkit.redis.RedisServerExtension;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Redis ACL rule the README documents is all Mnemo needs: a whole conversation (open, append,
 * context, turn, end, purge of a session and of a user, health with the eviction check) runs as a
 * user created with that rule, on the Redis and memory tiers, and every answer comes from Redis;
 * the same user may not touch a key outside the prefix nor run a command outside the rule.
 */
class AclUserTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    /** The README's rule, for key prefix {@code mnemo}. */
    static final String RULE = "on >s3cret-password resetkeys ~mnemo:* resetchannels -@all +hello +ping"
            + " +evalsha +eval +script|load +wait +config|get +info +get +set +del +exists +pexpire +pttl +hget +hmget"
            + " +hgetall +hset +hsetnx +hdel +llen +lrange +lindex +linsert +lpop +rpush +zadd +zrem +zcard +zscore"
            + " +zrange +zrangebyscore +zrevrange +zrevrangebyscore";

    @Test
    void aWholeConversationRunsAsTheDocumentedAclUser() {
        RedisClient admin = RedisClient.create(REDIS.uri());
        try (StatefulRedisConnection<String, String> connection = admin.connect()) {
            connection.sync().dispatch(io.lettuce.core.protocol.CommandType.ACL,
                    new io.lettuce.core.output.StatusOutput<>(io.lettuce.core.codec.StringCodec.UTF8),
                    new io.lettuce.core.protocol.CommandArgs<>(io.lettuce.core.codec.StringCodec.UTF8).add("SETUSER")
                            .add("mnemo-app").addValues(List.of(RULE.split(" "))));
        } finally {
            admin.shutdown();
        }
        String uri = REDIS.uri().replace("redis://", "redis://mnemo-app:s3cret-password@");
        StoreConfig config = StoreConfig.of(Map.of("mnemo.tiers", "redis,memory", "mnemo.redis.uri", uri,
                "mnemo.namespace", Servers.namespace("acl")));
        try (Mnemo mnemo = Mnemo.builder().config(config).settings(MnemoConfig.from(config)).build()) {
            BlockingMnemo chat = mnemo.blocking();
            SessionId id = SessionId.of("chat");
            chat.openSession(id, "ada");
            assertServedByRedis(chat.append(id, Message.system("You are terse."), Message.user("Hi")).tier(),
                    chat.append(id, Message.assistant("Hello.")).degraded());
            chat.updateState(id, StateDelta.builder().set("user:city", "Lyon").set("step", 2).build());
            var context = chat.context(id, ContextPolicy.systemPrompt().then(ContextPolicy.lastMessages(10))
                    .then(ContextPolicy.state()));
            assertServedByRedis(context.tier(), context.degraded());
            assertThat(context.state()).isPresent();
            var turn = chat.turn(id, List.of(Message.user("Still there?")), ContextPolicy.lastMessages(10));
            assertThat(turn.context().messages()).extracting(Message::content).endsWith("Still there?");
            assertThat(chat.listSessions("ada", 10).value()).hasSize(1);
            assertThat(chat.endSession(id)).isTrue();
            MnemoHealth health = chat.health();
            assertThat(health.status()).isEqualTo(MnemoHealth.Status.UP);
            assertThat(health.toString()).contains("maxmemory-policy");
            assertThat(chat.deleteSession(id)).isTrue();
            chat.openSession(SessionId.of("other"), "ada");
            assertThat(chat.deleteUser("ada")).isEqualTo(1);
        }
        RedisClient app = RedisClient.create(uri);
        try (StatefulRedisConnection<String, String> connection = app.connect()) {
            assertThatThrownBy(() -> connection.sync().set("other-app:key", "x")).isInstanceOf(RedisCommandExecutionException.class)
                    .hasMessageContaining("NOPERM");
            assertThatThrownBy(() -> connection.sync().flushall()).isInstanceOf(RedisCommandExecutionException.class)
                    .hasMessageContaining("NOPERM");
        } finally {
            app.shutdown();
        }
    }

    private static void assertServedByRedis(String tier, boolean degraded) {
        assertThat(tier).isEqualTo("redis");
        assertThat(degraded).isFalse();
    }
}
