package dev.mnemo.testkit.redis;

/**
 * Gives a test class a Redis server: registered as
 * {@code @RegisterExtension static final RedisServerExtension REDIS = new RedisServerExtension();},
 * it starts {@code redis-server} from the PATH on a free loopback port before the class's first
 * test and stops it by its pid after the class. When the environment variable
 * {@value #URI_VARIABLE} is set, the tests use that server instead and nothing is started. Nested
 * test classes share the outer class's server.
 */
public final class RedisServerExtension extends ServerExtension<RedisServer> {

    /** The environment variable that points the tests at a running server, such as {@code redis://127.0.0.1:6379}. */
    public static final String URI_VARIABLE = "MNEMO_REDIS_URI";

    /** An extension that starts one server, unless {@value #URI_VARIABLE} names one. */
    public RedisServerExtension() {
        super(URI_VARIABLE, "Redis server", RedisServer::start, RedisServer::uri);
    }

    /**
     * @return the handle of the server this extension started, to kill or restart it
     * @throws IllegalStateException when the tests use an external server from {@value #URI_VARIABLE}
     */
    public RedisServer server() {
        return handle();
    }
}
