package dev.mnemo.testkit.redis;

/**
 * Gives a test class a 3-master Redis Cluster: registered as
 * {@code @RegisterExtension static final RedisClusterExtension CLUSTER = new RedisClusterExtension();},
 * it starts the nodes from {@code redis-server} on loopback before the class's first test (see
 * {@link RedisCluster}) and stops them by their pids after the class. When the environment
 * variable {@value #URI_VARIABLE} is set (comma-separated seed URIs), the tests use that cluster
 * instead. Nested test classes share the outer class's cluster. {@link #uri()} gives the seed URIs
 * of every node, comma-separated.
 */
public final class RedisClusterExtension extends ServerExtension<RedisCluster> {

    /** The environment variable that points the tests at a running cluster's seed nodes. */
    public static final String URI_VARIABLE = "MNEMO_REDIS_CLUSTER_URI";
    /** How many masters the extension starts. */
    public static final int MASTERS = 3;

    /** An extension that starts a cluster of {@value #MASTERS} masters, unless {@value #URI_VARIABLE} names one. */
    public RedisClusterExtension() {
        super(URI_VARIABLE, "Redis Cluster", () -> RedisCluster.start(MASTERS), RedisCluster::uri);
    }

    /**
     * @return the cluster this extension started, to kill or restart its nodes
     * @throws IllegalStateException when the tests use an external cluster from {@value #URI_VARIABLE}
     */
    public RedisCluster cluster() {
        return handle();
    }
}
