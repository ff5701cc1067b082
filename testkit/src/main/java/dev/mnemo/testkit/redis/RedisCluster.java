package dev.mnemo.testkit.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A Redis Cluster of masters only, started from {@code redis-server} on loopback: each node with
 * {@code --cluster-enabled yes} and its own cluster config file in its own temporary directory,
 * the 16384 slots split evenly with {@code CLUSTER ADDSLOTSRANGE}, the nodes joined with
 * {@code CLUSTER MEET}, and ready once every node reports {@code cluster_state:ok}. Each node is
 * a {@link RedisServer}, so a fault test can kill and restart one; a restarted node keeps its
 * identity and slots from its config file.
 */
public final class RedisCluster implements AutoCloseable {

    private static final int SLOTS = 16_384;
    private static final long READY_TIMEOUT_MILLIS = 30_000;

    private final List<RedisServer> nodes;

    private RedisCluster(List<RedisServer> nodes) {
        this.nodes = List.copyOf(nodes);
    }

    /**
     * @param masters how many master nodes, at least 1
     * @return the running cluster, every slot served
     * @throws IllegalStateException when {@code redis-server} is missing or the cluster does not form
     */
    public static RedisCluster start(int masters) {
        List<RedisServer> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < masters; i++) {
                nodes.add(RedisServer.start("--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
                        "--cluster-node-timeout", "2000"));
            }
            RedisCluster cluster = new RedisCluster(nodes);
            cluster.form();
            return cluster;
        } catch (RuntimeException e) {
            nodes.forEach(RedisServer::close);
            throw e;
        }
    }

    /** @return the nodes, in slot order */
    public List<RedisServer> nodes() {
        return nodes;
    }

    /** @return every node's URI, comma-separated: the seed list of a Cluster client */
    public String uri() {
        return nodes.stream().map(RedisServer::uri).collect(Collectors.joining(","));
    }

    /** Stops every node and deletes their directories. */
    @Override
    public void close() {
        nodes.forEach(RedisServer::close);
    }

    private void form() {
        try {
            int per = SLOTS / nodes.size();
            for (int i = 0; i < nodes.size(); i++) {
                int first = i * per;
                int last = i == nodes.size() - 1 ? SLOTS - 1 : first + per - 1;
                try (Resp node = Resp.connect(nodes.get(i).port())) {
                    node.call("CLUSTER", "ADDSLOTSRANGE", Integer.toString(first), Integer.toString(last));
                }
            }
            try (Resp seed = Resp.connect(nodes.get(0).port())) {
                for (RedisServer node : nodes.subList(1, nodes.size())) {
                    seed.call("CLUSTER", "MEET", "127.0.0.1", Integer.toString(node.port()));
                }
            }
            awaitReady();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not form the Redis Cluster", e);
        }
    }

    private void awaitReady() throws IOException {
        long deadline = System.currentTimeMillis() + READY_TIMEOUT_MILLIS;
        String last = "";
        while (System.currentTimeMillis() < deadline) {
            boolean ready = true;
            for (RedisServer node : nodes) {
                try (Resp resp = Resp.connect(node.port())) {
                    last = resp.call("CLUSTER", "INFO");
                }
                ready &= last.contains("cluster_state:ok") && last.contains("cluster_known_nodes:" + nodes.size());
            }
            if (ready) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while the Redis Cluster formed", e);
            }
        }
        throw new IllegalStateException("The Redis Cluster on " + uri() + " was not ready within "
                + READY_TIMEOUT_MILLIS + " ms; last CLUSTER INFO:\n" + last);
    }
}
