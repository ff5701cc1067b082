package dev.mnemo.store.redis.internal;

import dev.mnemo.CorruptDataException;
import dev.mnemo.MnemoException;
import dev.mnemo.StoreTimeoutException;
import dev.mnemo.StoreUnavailableException;
import dev.mnemo.WriteRefusedException;
import dev.mnemo.spi.support.Stages;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/**
 * Turns Lettuce's failures into the {@link MnemoException} family, the driver's exception kept as
 * the cause: a key of the wrong type, or a script's {@code CORRUPT <key>} error, becomes
 * {@link CorruptDataException} naming the key; a timeout {@link StoreTimeoutException}; Redis out
 * of memory ({@code OOM}) {@link WriteRefusedException}, since Redis answered and stored nothing,
 * and another tier must not acknowledge instead what this one could not journal; anything else from
 * Redis or the connection {@link StoreUnavailableException}.
 */
public final class Errors {

    private static final String CORRUPT = "CORRUPT ";
    private static final String WRONGTYPE = "WRONGTYPE";
    /** Redis's error code for a write refused over {@code maxmemory}; a script passes it on as is. */
    private static final String OOM = "OOM ";

    private Errors() {
    }

    /**
     * @param key   the one key {@code stage}'s command works on
     * @param stage a command's reply
     * @return the same reply, failed with {@link CorruptDataException} naming {@code key} when the
     *         key holds the wrong type
     */
    public static <T> CompletableFuture<T> at(String key, CompletionStage<T> stage) {
        return map(stage, error -> {
            Throwable cause = Stages.unwrap(error);
            return cause instanceof RedisCommandExecutionException && message(cause).startsWith(WRONGTYPE)
                    ? corrupt(key, message(cause), cause) : cause;
        });
    }

    /**
     * @param tier    the tier's name
     * @param timeout the command timeout, named in a timeout's message
     * @param stage   the outcome of a store call
     * @return the same outcome, failed only with a {@link MnemoException}
     */
    public static <T> CompletableFuture<T> translate(String tier, Duration timeout, CompletionStage<T> stage) {
        return map(stage, error -> translate(tier, timeout, error));
    }

    private static MnemoException translate(String tier, Duration timeout, Throwable error) {
        Throwable cause = Stages.unwrap(error);
        String message = message(cause);
        if (cause instanceof MnemoException mnemo) {
            return mnemo;
        }
        if (cause instanceof RedisCommandTimeoutException) {
            return new StoreTimeoutException(tier, timeout, cause);
        }
        if (cause instanceof RedisCommandExecutionException && message.startsWith(CORRUPT)) {
            String rest = message.substring(CORRUPT.length());
            int space = rest.indexOf(' ');
            return space < 0 ? corrupt(rest, "", cause) : corrupt(rest.substring(0, space), rest.substring(space + 1), cause);
        }
        if (cause instanceof RedisCommandExecutionException && message.startsWith(WRONGTYPE)) {
            return new CorruptDataException("a Redis key", message, cause);
        }
        if (cause instanceof RedisCommandExecutionException && message.startsWith(OOM)) {
            return new WriteRefusedException(tier, "Redis is out of memory and refused the write, so nothing of it was"
                    + " stored (" + message + "); raise maxmemory, or let the durable tier catch up with the journal", cause);
        }
        @Nullable SSLException tls = tlsFailure(cause);
        if (tls != null) {
            return new StoreUnavailableException(tier, "TLS with Redis failed (" + tls.getMessage() + "): check the"
                    + " certificates and mnemo.redis.tls.ca-file, cert-file, key-file and verify; " + message, cause);
        }
        if (cause instanceof RedisException || cause instanceof CancellationException
                || cause instanceof java.io.IOException || cause instanceof io.netty.channel.ChannelException) {
            // A connection lost under a command in flight fails it with Netty's own exception (a
            // ClosedChannelException, no message): an outage like any other.
            return new StoreUnavailableException(tier, cause.getMessage() == null ? cause.getClass().getSimpleName()
                    : message, cause);
        }
        return new MnemoException("Tier '" + tier + "' failed: " + message, cause);
    }

    /** @return the TLS failure behind {@code error} (a handshake refused either way, a certificate not trusted), if any */
    private static @Nullable SSLException tlsFailure(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SSLException ssl) {
                return ssl;
            }
        }
        return null;
    }

    private static CorruptDataException corrupt(String key, String why, Throwable cause) {
        return new CorruptDataException("Redis key " + key, why, cause);
    }

    private static String message(Throwable error) {
        return String.valueOf(error.getMessage());
    }

    private static <T> CompletableFuture<T> map(CompletionStage<T> stage, Function<Throwable, Throwable> mapper) {
        CompletableFuture<T> result = new CompletableFuture<>();
        stage.whenComplete((value, error) -> {
            if (error == null) {
                result.complete(value);
            } else {
                result.completeExceptionally(mapper.apply(error));
            }
        });
        return result;
    }
}
