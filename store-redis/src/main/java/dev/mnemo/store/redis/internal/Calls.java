package dev.mnemo.store.redis.internal;

import dev.mnemo.spi.support.Stages;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * How every call of the Redis tier runs: its input is checked first, so bad input is reported as
 * such even while Redis is down; its commands are sent once the connection is open; and whatever
 * either throws or fails with becomes a {@link dev.mnemo.MnemoException} in the stage
 * ({@link Errors#translate}).
 */
public final class Calls implements RedisAnalyticsBuffer.Commands {

    private static final Runnable NO_CHECK = () -> { };

    private final String tier;
    private final Duration timeout;
    private final RedisConnection connection;

    /**
     * @param tier       the tier's name, for errors
     * @param timeout    the command timeout, named in a timeout's message
     * @param connection the connection every call goes through
     */
    public Calls(String tier, Duration timeout, RedisConnection connection) {
        this.tier = tier;
        this.timeout = timeout;
        this.connection = connection;
    }

    @Override
    public <T> CompletionStage<T> call(Function<RedisClusterAsyncCommands<String, String>, CompletionStage<T>> body) {
        return call(NO_CHECK, body);
    }

    /** Runs {@code check}, then {@code body} once connected. */
    public <T> CompletionStage<T> call(Runnable check,
                                       Function<RedisClusterAsyncCommands<String, String>, CompletionStage<T>> body) {
        return Errors.translate(tier, timeout, Stages.call(() -> {
            check.run();
            return connection.commands().thenCompose(redis -> Stages.call(() -> body.apply(redis)));
        }));
    }

    /** As {@link #read(Runnable, Pipeline, Supplier)}, with no input to check. */
    public <T> CompletionStage<T> read(Pipeline reads, Supplier<T> result) {
        return read(NO_CHECK, reads, result);
    }

    /**
     * For reads sent together: runs {@code check}, sends {@code reads} once connected, and makes the
     * result from their replies once all have come.
     */
    public <T> CompletionStage<T> read(Runnable check, Pipeline reads, Supplier<T> result) {
        return Errors.translate(tier, timeout, Stages.call(() -> {
            check.run();
            return connection.send(reads).thenCompose(sent -> reads.replies()).thenApply(replied -> result.get());
        }));
    }
}
