package dev.mnemo.internal;

import dev.mnemo.spi.support.Stages;
import dev.mnemo.spi.SessionListener;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The session listeners of a Mnemo: side channels whose failures are logged, never passed to the caller. */
public final class Listeners {

    private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);

    private final List<SessionListener> listeners;

    /** @param listeners in the order they are told */
    public Listeners(List<SessionListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    /** Tells every listener of an event and waits for them; a listener's failure is logged, never passed on. */
    public CompletionStage<Void> tell(String event, Function<SessionListener, CompletionStage<Void>> call) {
        if (listeners.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<?>[] told = listeners.stream().map(listener -> Stages.call(() ->
                Objects.requireNonNull(call.apply(listener), "stage")).toCompletableFuture().exceptionally(error -> {
                    LOG.warn("Session listener {} failed on '{}'; the call goes on", listener.getClass().getName(), event,
                            Stages.unwrap(error));
                    return null;
                })).toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(told);
    }

    /** Closes every listener; a failure is logged. */
    public void close() {
        for (SessionListener listener : listeners) {
            try {
                listener.close();
            } catch (RuntimeException e) {
                LOG.warn("Session listener {} failed to close", listener.getClass().getName(), e);
            }
        }
    }
}
