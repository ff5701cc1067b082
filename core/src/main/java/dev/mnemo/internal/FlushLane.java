package dev.mnemo.internal;

import dev.mnemo.Message;
import dev.mnemo.Session;
import dev.mnemo.spi.BatchWriter;
import dev.mnemo.spi.SessionRef;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * A session's messages waiting in the {@link DurableFlusher} for the durable tier, in id order,
 * each once. Changed only under the flusher's lock.
 */
final class FlushLane {

    final SessionRef ref;
    final TreeMap<UUID, Entry> entries = new TreeMap<>(Message::compareIds);
    /** The session as the hot tier's journal recorded it, to create it in a durable tier that lacks it. */
    Session snapshot;
    /** A commit holds some of these messages, or the session is being created: none is sent meanwhile. */
    boolean sending;
    /** The durable tier refused a commit of these: send one message at a time, to find the one it refuses. */
    boolean isolate;

    FlushLane(SessionRef ref) {
        this.ref = ref;
    }

    /** @return the entry of {@code message}: the one already waiting, or a new one */
    Entry add(Message message, long weight, boolean journaled, boolean loaded) {
        return entries.computeIfAbsent(message.id(), id -> new Entry(message, weight, journaled, loaded));
    }

    /** One message waiting for the durable tier, and who waits for its commit. */
    static final class Entry {
        final Message message;
        final long weight;
        /** The hot tier's journal holds it too: it is settled there once committed. */
        final boolean journaled;
        /** It was read back from the journal rather than appended in this process. */
        final boolean loaded;
        CompletableFuture<BatchWriter.Stored> stored = new CompletableFuture<>();

        Entry(Message message, long weight, boolean journaled, boolean loaded) {
            this.message = message;
            this.weight = weight;
            this.journaled = journaled;
            this.loaded = loaded;
        }

        /** @return what fails the current waiters; later ones wait for the next attempt. Under the lock. */
        Runnable fail(Throwable failure) {
            CompletableFuture<BatchWriter.Stored> waiting = stored;
            stored = new CompletableFuture<>();
            return () -> waiting.completeExceptionally(failure);
        }
    }
}
