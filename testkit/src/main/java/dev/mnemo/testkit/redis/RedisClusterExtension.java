package dev.mnemo.testkit.redis;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives a test class a 3-master Redis Cluster: registered as
 * {@code @RegisterExtension static final RedisClusterExtension CLUSTER = new RedisClusterExtension();},
 * it starts the nodes from {@code redis-server} on loopback before the class's first test (see
 * {@link RedisCluster}) and stops them by their pids after the class. When the environment
 * variable {@value #URI_VARIABLE} is set (comma-separated seed URIs), the tests use that cluster
 * instead. Nested test classes share the outer class's cluster.
 */
public final class RedisClusterExtension implements BeforeAllCallback {

    /** The environment variable that points the tests at a running cluster's seed nodes. */
    public static final String URI_VARIABLE = "MNEMO_REDIS_CLUSTER_URI";
    /** How many masters the extension starts. */
    public static final int MASTERS = 3;

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RedisClusterExtension.class);

    private volatile String uri;
    private volatile RedisCluster cluster;

    @Override
    public void beforeAll(ExtensionContext context) {
        if (uri != null) {
            return; // a nested class: the enclosing class's cluster is still running
        }
        String external = System.getenv(URI_VARIABLE);
        if (external != null && !external.isBlank()) {
            uri = external.trim();
            return;
        }
        RedisCluster started = RedisCluster.start(MASTERS);
        cluster = started;
        uri = started.uri();
        context.getStore(NAMESPACE).put(RedisCluster.class, (ExtensionContext.Store.CloseableResource) () -> {
            uri = null;
            cluster = null;
            started.close();
        });
    }

    /** @return the seed URIs of every node, comma-separated */
    public String uri() {
        if (uri == null) {
            throw new IllegalStateException("No Redis Cluster: register the extension on a static field");
        }
        return uri;
    }

    /**
     * @return the cluster this extension started, to kill or restart its nodes
     * @throws IllegalStateException when the tests use an external cluster from {@value #URI_VARIABLE}
     */
    public RedisCluster cluster() {
        if (cluster == null) {
            throw new IllegalStateException("No Redis Cluster started by the tests (" + URI_VARIABLE
                    + " points at an external one, or the extension is not registered on a static field)");
        }
        return cluster;
    }
}
