package dev.mnemo.benchmarks;

import dev.mnemo.JsonCodec;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;

/**
 * The floor: raw Lettuce commands on the same Redis as the tier, over one shared connection as the
 * tier has, with payloads of the same JSON the tier stores. An append's floor is one RPUSH, or one
 * EVALSHA of a Lua script doing RPUSH, LTRIM to the tier's window, EXPIRE and INCR; a context
 * read's floor is one LRANGE of the last 20. Thread-safe, as Lettuce's connection is.
 */
final class Floor implements AutoCloseable {

    /** What every append of a windowed list must do at least, in one round trip. */
    static final String SCRIPT = "redis.call('RPUSH', KEYS[1], ARGV[1])\n"
            + "redis.call('LTRIM', KEYS[1], -tonumber(ARGV[2]), -1)\n"
            + "redis.call('EXPIRE', KEYS[1], ARGV[3])\n"
            + "return redis.call('INCR', KEYS[2])";

    private static final int PAYLOADS = 128;
    private static final String WINDOW = "50";
    private static final String TTL_SECONDS = "7200";

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final RedisCommands<String, String> redis;
    private final String sha;
    private final String[] payloads = new String[PAYLOADS];

    /**
     * @param uri          the Redis the tiers use
     * @param conversation the messages whose JSON is pushed
     */
    Floor(String uri, Conversation conversation) {
        this.client = RedisClient.create(uri);
        this.connection = client.connect(StringCodec.UTF8);
        this.redis = connection.sync();
        this.sha = redis.scriptLoad(SCRIPT);
        for (int i = 0; i < PAYLOADS; i++) {
            payloads[i] = JsonCodec.write(conversation.counted(i));
        }
    }

    /** One RPUSH of a message's JSON onto {@code key}. */
    void rpush(String key, long turn) {
        redis.rpush(key, payload(turn));
    }

    /** One EVALSHA of {@link #SCRIPT} on {@code key}'s list and counter. */
    void lua(String key, long turn) {
        redis.evalsha(sha, ScriptOutputType.INTEGER, new String[] {key + ":list", key + ":count"}, payload(turn),
                WINDOW, TTL_SECONDS);
    }

    /** One LRANGE of the last 20 elements of {@code key}'s list. */
    void lrange(String key) {
        redis.lrange(key + ":list", -Subject.CONTEXT_MESSAGES, -1);
    }

    /** Deletes every key, between configurations, so that Redis holds only what is measured. */
    void flushAll() {
        redis.flushall();
    }

    private String payload(long turn) {
        return payloads[(int) (turn % PAYLOADS)];
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
    }
}
