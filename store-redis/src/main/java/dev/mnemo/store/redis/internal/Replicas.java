package dev.mnemo.store.redis.internal;

import dev.mnemo.StoreUnavailableException;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The replicas a journaled write must reach before it is acknowledged
 * ({@code mnemo.redis.min-replicas-acked}): {@code WAIT} on the connection that wrote it, once the
 * write has answered, so it covers every earlier write of the connection (the script, a script sent
 * again whole after a lost cache, the journal's index). Redis replicates asynchronously; without
 * this, a failover may lose what the old master acknowledged last.
 */
public final class Replicas {

    private final String tier;
    private final int required;
    private final Duration timeout;

    /**
     * @param tier     the tier's name, for errors
     * @param required how many replicas must confirm; 0 waits for none
     * @param timeout  how long {@code WAIT} waits for them
     */
    public Replicas(String tier, int required, Duration timeout) {
        this.tier = tier;
        this.required = required;
        this.timeout = timeout;
    }

    /**
     * @param written what the write answered
     * @return {@code written} once enough replicas hold the write; failed with
     *         {@link StoreUnavailableException} when fewer confirm it in time, so it is never acknowledged
     */
    public <T> CompletionStage<T> confirm(RedisClusterAsyncCommands<String, String> redis, T written) {
        if (required == 0) {
            return CompletableFuture.completedFuture(written);
        }
        return redis.waitForReplication(required, timeout.toMillis()).thenApply(acked -> {
            if (acked < required) {
                throw new StoreUnavailableException(tier, acked + " of the " + required + " replicas that"
                        + " mnemo.redis.min-replicas-acked requires confirmed the write within " + timeout.toMillis()
                        + " ms; it is not acknowledged", null);
            }
            return written;
        });
    }
}
