package dev.mnemo.testkit.redis;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives a test class a Redis server: registered as
 * {@code @RegisterExtension static final RedisServerExtension REDIS = new RedisServerExtension();},
 * it starts {@code redis-server} from the PATH on a free loopback port before the class's first
 * test and stops it by its pid after the class. When the environment variable
 * {@value #URI_VARIABLE} is set, the tests use that server instead and nothing is started. Nested
 * test classes share the outer class's server.
 */
public final class RedisServerExtension implements BeforeAllCallback {

    /** The environment variable that points the tests at a running server, such as {@code redis://127.0.0.1:6379}. */
    public static final String URI_VARIABLE = "MNEMO_REDIS_URI";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RedisServerExtension.class);

    private volatile String uri;
    private volatile RedisServer server;

    @Override
    public void beforeAll(ExtensionContext context) {
        if (uri != null) {
            return; // a nested class: the enclosing class's server is still running
        }
        String external = System.getenv(URI_VARIABLE);
        if (external != null && !external.isBlank()) {
            uri = external.trim();
            return;
        }
        RedisServer started = RedisServer.start();
        server = started;
        uri = started.uri();
        context.getStore(NAMESPACE).put(RedisServer.class, (ExtensionContext.Store.CloseableResource) () -> {
            uri = null;
            server = null;
            started.close();
        });
    }

    /** @return the server's URI, for the class's tests */
    public String uri() {
        if (uri == null) {
            throw new IllegalStateException("No Redis server: register the extension on a static field");
        }
        return uri;
    }

    /**
     * @return the handle of the server this extension started, to kill or restart it
     * @throws IllegalStateException when the tests use an external server from {@value #URI_VARIABLE}
     */
    public RedisServer server() {
        if (server == null) {
            throw new IllegalStateException("No Redis server started by the tests (" + URI_VARIABLE
                    + " points at an external one, or the extension is not registered on a static field)");
        }
        return server;
    }
}
