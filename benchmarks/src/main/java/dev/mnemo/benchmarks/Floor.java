package dev.mnemo.benchmarks;

import dev.mnemo.JsonCodec;
import dev.mnemo.store.redis.RedisStoreConfig;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;

/**
 * The floor: raw Lettuce commands on the same Redis as the tier, over one shared connection as the
 * tier has, with payloads of the same JSON the tier stores. An append's floor is one RPUSH, or one
 * EVALSHA of a Lua script doing RPUSH, LTRIM to the tier's window, EXPIRE and INCR; a context
 * read's floor is one LRANGE of the last 20; a turn's (an append and the context after it, in one
 * round trip) is one EVALSHA of a script doing RPUSH, LTRIM to the tier's window and LRANGE of the
 * last 40, the window {@link ChatPolicy#FULL} reads. Thread-safe, as Lettuce's connection is.
 */
final class Floor implements AutoCloseable {

    /** What every append of a windowed list must do at least, in one round trip. */
    static final String SCRIPT = "redis.call('RPUSH', KEYS[1], ARGV[1])\n"
            + "redis.call('LTRIM', KEYS[1], -tonumber(ARGV[2]), -1)\n"
            + "redis.call('EXPIRE', KEYS[1], ARGV[3])\n"
            + "return redis.call('INCR', KEYS[2])";

    /** What a turn must do at least, in one round trip: push onto the windowed list and read its latest back. */
    static final String TURN_SCRIPT = "redis.call('RPUSH', KEYS[1], ARGV[1])\n"
            + "redis.call('LTRIM', KEYS[1], -tonumber(ARGV[2]), -1)\n"
            + "return redis.call('LRANGE', KEYS[1], -tonumber(ARGV[3]), -1)";

    private static final int PAYLOADS = 128;
    /** The Redis tier's window at its defaults, which both scripts trim to. */
    private static final String WINDOW = Integer.toString(RedisStoreConfig.DEFAULT_WINDOW_SIZE);
    private static final String TURN_READ = Integer.toString(ChatPolicy.WINDOW_MESSAGES);
    private static final String TTL_SECONDS = "7200";

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final RedisCommands<String, String> redis;
    private final String sha;
    private final String turnSha;
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
        this.turnSha = redis.scriptLoad(TURN_SCRIPT);
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

    /** One EVALSHA of {@link #TURN_SCRIPT} on {@code key}'s list, which answers its last 40 elements. */
    void turn(String key, long turn) {
        redis.evalsha(turnSha, ScriptOutputType.MULTI, new String[] {key + ":list"}, payload(turn), WINDOW, TURN_READ);
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
