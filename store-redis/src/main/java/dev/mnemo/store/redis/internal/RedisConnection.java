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
 * buffered, the request queue is bounded, every command and connection attempt times out, and a
 * lost connection is retried after a short constant delay.
 *
 * <p>The first connection is opened in the background, so a store can be created while Redis is
 * down; until it succeeds, each call fails at once, and a call made after the reconnect delay has
 * passed starts a new attempt. Once connected, Lettuce reconnects by itself.
 */
public final class RedisConnection implements AutoCloseable {

    private static final Duration PERIODIC_TOPOLOGY_REFRESH = Duration.ofSeconds(30);

    private final ClientResources resources;
    private final AbstractRedisClient client;
    private final Supplier<CompletableFuture<Open>> opener;
    private final long retryNanos;
    private CompletableFuture<Open> current;
    private volatile long failedAt;

    private RedisConnection(ClientResources resources, AbstractRedisClient client, Supplier<CompletableFuture<Open>> opener,
                            Duration retry) {
        this.resources = resources;
        this.client = client;
        this.opener = opener;
        this.retryNanos = retry.toNanos();
        this.current = attempt();
    }

    /**
     * @param config    the store's settings
     * @param listeners told of every command sent, such as for tracing or counting
     * @return the connection, being opened in the background
     */
    public static RedisConnection open(RedisStoreConfig config, List<CommandListener> listeners) {
        ClientResources resources = ClientResources.builder().reconnectDelay(Delay.constant(config.reconnectDelay())).build();
        List<RedisURI> uris = RedisUris.parse(config.uri(), config.mode() == RedisStoreConfig.Mode.CLUSTER, config.commandTimeout());
        TlsOptions.verify(uris, config.tls().verify());
        if (config.mode() == RedisStoreConfig.Mode.CLUSTER) {
            RedisClusterClient cluster = RedisClusterClient.create(resources, uris);
            ClusterClientOptions.Builder options = ClusterClientOptions.builder()
                    .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                            .enableAllAdaptiveRefreshTriggers()
                            .enablePeriodicRefresh(PERIODIC_TOPOLOGY_REFRESH)
                            .build());
            failFast(options, config);
            cluster.setOptions(options.build());
            listeners.forEach(cluster::addListener);
            // An async cluster connection needs the topology first; each attempt loads it anew.
            return new RedisConnection(resources, cluster, () -> cluster.refreshPartitionsAsync().toCompletableFuture()
                    .thenCompose(loaded -> cluster.connectAsync(StringCodec.UTF8))
                    .thenApply(connection -> new Open(connection, connection.async())), config.reconnectDelay());
        }
        RedisClient standalone = RedisClient.create(resources);
        ClientOptions.Builder options = ClientOptions.builder();
        failFast(options, config);
        standalone.setOptions(options.build());
        listeners.forEach(standalone::addListener);
        return new RedisConnection(resources, standalone, () -> standalone.connectAsync(StringCodec.UTF8, uris.get(0))
                .toCompletableFuture().thenApply(connection -> new Open(connection, connection.async())),
                config.reconnectDelay());
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
            if (current.isCompletedExceptionally() && System.nanoTime() - failedAt >= retryNanos) {
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
                    }
                });
    }

    private static void failFast(ClientOptions.Builder options, RedisStoreConfig config) {
        options.autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .requestQueueSize(config.requestQueueSize())
                .timeoutOptions(TimeoutOptions.enabled(config.commandTimeout()))
                .sslOptions(TlsOptions.of(config.tls(), config.commandTimeout()))
                .socketOptions(SocketOptions.builder().connectTimeout(config.commandTimeout()).keepAlive(true).build());
    }

    private record Open(StatefulConnection<String, String> connection, RedisClusterAsyncCommands<String, String> commands) {
    }
}
