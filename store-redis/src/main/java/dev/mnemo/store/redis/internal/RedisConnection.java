package dev.mnemo.store.redis.internal;

import dev.mnemo.store.redis.RedisStoreConfig;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.event.command.CommandListener;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One Lettuce connection, standalone (Sentinel included) or Cluster, behind the async command
 * interface both share, set to fail fast: commands are rejected while disconnected instead of
 * buffered, the request queue is bounded, and every command, connection attempt and TLS handshake
 * times out.
 *
 * <p>Quiet reconnects. The first connection is opened in the background, so a store can be created
 * while Redis is down. A standalone connection is reopened here, not by Lettuce, whose watchdog logs
 * every few seconds of an outage: while no connection is open each call fails at once, and a call
 * made once the backoff has passed starts a new attempt; the backoff doubles from
 * {@code mnemo.redis.reconnect-delay} up to {@link #MAX_RECONNECT_DELAY} and starts again once
 * connected. So an outage logs one line when it starts and one when it ends, with how long it
 * lasted, however long it is. Through Sentinel each attempt asks for the current master, so a
 * failover is followed by the next attempt. A Cluster's node connections are reconnected by
 * Lettuce, with the same backoff (its watchdog logs at most once per 5 s per node).
 */
public final class RedisConnection implements AutoCloseable {

    /** The longest pause between two reconnection attempts, unless the reconnect delay is longer. */
    public static final Duration MAX_RECONNECT_DELAY = Duration.ofSeconds(2);

    private static final Duration PERIODIC_TOPOLOGY_REFRESH = Duration.ofSeconds(30);

    private final ClientResources resources;
    private final AbstractRedisClient client;
    private final Supplier<CompletableFuture<Open>> opener;
    private final Delay backoff;
    private final OutageNotes notes;
    private CompletableFuture<Open> current;
    private volatile long failedAt;
    private volatile int attempts;

    private RedisConnection(ClientResources resources, AbstractRedisClient client, Supplier<CompletableFuture<Open>> opener,
                            String where) {
        this.resources = resources;
        this.client = client;
        this.opener = opener;
        this.backoff = resources.reconnectDelay();
        this.notes = new OutageNotes(where);
        this.current = attempt();
    }

    /**
     * @param config    the store's settings
     * @param listeners told of every command sent, such as for tracing or counting
     * @return the connection, being opened in the background
     */
    public static RedisConnection open(RedisStoreConfig config, List<CommandListener> listeners) {
        Duration ceiling = config.reconnectDelay().compareTo(MAX_RECONNECT_DELAY) > 0 ? config.reconnectDelay() : MAX_RECONNECT_DELAY;
        ClientResources resources = ClientResources.builder().reconnectDelay(Delay.exponential(config.reconnectDelay(),
                ceiling, 2, TimeUnit.MILLISECONDS)).build();
        String where = RedisUris.masked(config.uri());
        List<RedisURI> uris = RedisUris.parse(config.uri(), config.mode() == RedisStoreConfig.Mode.CLUSTER, config.commandTimeout());
        TlsOptions.verify(uris, config.tls().verify());
        if (config.mode() == RedisStoreConfig.Mode.CLUSTER) {
            RedisClusterClient cluster = RedisClusterClient.create(resources, uris);
            ClusterClientOptions.Builder options = ClusterClientOptions.builder()
                    .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                            .enableAllAdaptiveRefreshTriggers()
                            .enablePeriodicRefresh(PERIODIC_TOPOLOGY_REFRESH)
                            .build());
            failFast(options, config, true);
            cluster.setOptions(options.build());
            listeners.forEach(cluster::addListener);
            // An async cluster connection needs the topology first; each attempt loads it anew.
            return new RedisConnection(resources, cluster, () -> cluster.refreshPartitionsAsync().toCompletableFuture()
                    .thenCompose(loaded -> cluster.connectAsync(StringCodec.UTF8))
                    .thenApply(connection -> new Open(connection, connection.async())), where);
        }
        RedisClient standalone = RedisClient.create(resources);
        ClientOptions.Builder options = ClientOptions.builder();
        failFast(options, config, false);
        standalone.setOptions(options.build());
        listeners.forEach(standalone::addListener);
        return new RedisConnection(resources, standalone, () -> standalone.connectAsync(StringCodec.UTF8, uris.get(0))
                .toCompletableFuture().thenApply(connection -> new Open(connection, connection.async())), where);
    }

    /** @return the commands, once connected; failed at once while no connection could be opened */
    public CompletionStage<RedisClusterAsyncCommands<String, String>> commands() {
        return open().thenApply(Open::commands);
    }

    /**
     * Sends the pipeline's commands in one write once connected.
     *
     * @return completes when they are written; failed at once while no connection could be opened
     */
    public CompletionStage<Void> send(Pipeline pipeline) {
        return open().thenAccept(open -> pipeline.send(open.connection()));
    }

    private CompletableFuture<Open> open() {
        synchronized (this) {
            if (current.isDone() && !current.isCompletedExceptionally() && !current.join().connection().isOpen()) {
                // Lost (standalone: Lettuce does not reconnect it); the next attempt waits for no backoff.
                current.join().connection().closeAsync();
                notes.lost("the connection closed");
                current = attempt();
            } else if (current.isCompletedExceptionally()
                    && System.nanoTime() - failedAt >= backoff.createDelay(attempts).toNanos()) {
                current = attempt();
            }
            return current;
        }
    }

    /** Closes the connection and releases Lettuce's threads; waits at most about two seconds. */
    @Override
    public void close() {
        CompletableFuture<Open> last;
        synchronized (this) {
            last = current;
        }
        if (last.isDone() && !last.isCompletedExceptionally()) {
            // Closed and awaited before the client shuts down, which would otherwise close its node connections twice.
            last.join().connection().closeAsync().orTimeout(2, TimeUnit.SECONDS).exceptionally(error -> null).join();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
    }

    private CompletableFuture<Open> attempt() {
        attempts++;
        return opener.get()
                .thenCompose(open -> Script.loadAll(open.commands()).toCompletableFuture()
                        .whenComplete((loaded, error) -> {
                            if (error != null) {
                                open.connection().closeAsync();
                            }
                        })
                        .thenApply(loaded -> open))
                .whenComplete((open, error) -> {
                    if (error != null) {
                        failedAt = System.nanoTime();
                        notes.lost(String.valueOf(error.getMessage()));
                    } else {
                        notes.back(attempts);
                        attempts = 0;
                    }
                });
    }

    /** @param lettuceReconnects whether Lettuce reconnects (a Cluster's nodes) or this class does (standalone) */
    private static void failFast(ClientOptions.Builder options, RedisStoreConfig config, boolean lettuceReconnects) {
        options.autoReconnect(lettuceReconnects)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .requestQueueSize(config.requestQueueSize())
                .timeoutOptions(TimeoutOptions.enabled(config.commandTimeout()))
                .sslOptions(TlsOptions.of(config.tls(), config.commandTimeout()))
                .socketOptions(SocketOptions.builder().connectTimeout(config.commandTimeout()).keepAlive(true).build());
    }

    private record Open(StatefulConnection<String, String> connection, RedisClusterAsyncCommands<String, String> commands) {
    }
}
