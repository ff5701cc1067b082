package dev.mnemo.store.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

/** A plain Lettuce connection beside the store, for tests that look at or break its keys directly. */
final class RawRedis implements AutoCloseable {

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;

    RawRedis(String uri) {
        client = RedisClient.create(uri);
        connection = client.connect();
    }

    /** @return blocking commands on the connection */
    RedisCommands<String, String> commands() {
        return connection.sync();
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
    }
}
