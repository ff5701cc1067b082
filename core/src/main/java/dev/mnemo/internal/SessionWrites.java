package dev.mnemo.internal;

import dev.mnemo.spi.support.Stages;
import dev.mnemo.JournalFullException;
import dev.mnemo.spi.MemoryStore;
import dev.mnemo.spi.SessionRef;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session writes bound for the durable tier other than appends (create, state, end, touch,
 * purge), queued per session and sent one at a time in order; appends go through the
 * {@link DurableFlusher}. A write that meets an outage stays queued and is replayed, in order and
 * idempotently, until the tier takes it; its waiter learns of the outage at once, so the caller can
 * be answered degraded. These writes wait in this process's memory: a crash while the durable tier
 * is out loses them from it, though not from the hot tier that also took them. Bounded by
 * {@code capacity} writes: past it a write is refused with {@link JournalFullException}.
 */
final class SessionWrites {

    private static final Logger LOG = LoggerFactory.getLogger(SessionWrites.class);

    private final MemoryStore durable;
    private final int capacity;
    private final RouterMetrics metrics;
    private final Map<SessionRef, SessionQueue> queues = new ConcurrentHashMap<>();
    private final AtomicInteger pending = new AtomicInteger();

    SessionWrites(MemoryStore durable, int capacity, RouterMetrics metrics) {
        this.durable = durable;
        this.capacity = capacity;
        this.metrics = metrics;
    }

    /** One queued write and its waiter. */
    private record Write(Function<MemoryStore, CompletionStage<Object>> call, CompletableFuture<Object> waiter,
                         boolean replayed) {
    }

    /** The writes of one session; changed only inside the map's compute for its key. */
    private static final class SessionQueue {
        final Deque<Write> writes = new ArrayDeque<>();
        boolean running;
    }

    /**
     * Queues a write and sends it now, after the session's earlier writes.
     *
     * @return completes with the durable tier's answer, or fails on an outage (the write stays queued)
     */
    <T> CompletableFuture<T> write(SessionRef ref, Function<MemoryStore, CompletionStage<T>> call) {
        return write(ref, call, true);
    }

    /**
     * As {@link #write(SessionRef, Function)}; with {@code replayed} false, a write that meets an
     * outage is not kept for replay (something else redoes it, such as the flusher creating a
     * session it finds missing).
     */
    @SuppressWarnings("unchecked")
    <T> CompletableFuture<T> write(SessionRef ref, Function<MemoryStore, CompletionStage<T>> call, boolean replayed) {
        if (pending.incrementAndGet() > capacity) {
            pending.decrementAndGet();
            return CompletableFuture.failedFuture(new JournalFullException(durable.name(), capacity + " session writes (mnemo.journal.max-messages)"));
        }
        Write write = new Write(tier -> call.apply(tier).thenApply(value -> (Object) value), new CompletableFuture<>(),
                replayed);
        queues.compute(ref, (key, queue) -> {
            SessionQueue target = queue != null ? queue : new SessionQueue();
            target.writes.addLast(write);
            return target;
        });
        drain(ref);
        return (CompletableFuture<T>) write.waiter;
    }

    /** Drops every queued write of a session being purged, so none can bring it back. */
    void drop(SessionRef ref) {
        queues.computeIfPresent(ref, (key, queue) -> {
            pending.addAndGet(-queue.writes.size());
            queue.writes.forEach(write -> write.waiter.cancel(false));
            queue.writes.clear();
            return queue.running ? queue : null;
        });
    }

    /** Sends the queued writes of every session: the replay after an outage. */
    void drainAll() {
        queues.keySet().forEach(this::drain);
    }

    /** @return how many writes wait for the durable tier */
    int size() {
        return pending.get();
    }

    /** Sends the session's writes in order until none is left or the tier is out; one sender per session at a time. */
    private void drain(SessionRef ref) {
        Write[] next = new Write[1];
        queues.computeIfPresent(ref, (key, queue) -> {
            if (!queue.running && !queue.writes.isEmpty()) {
                queue.running = true;
                next[0] = queue.writes.peekFirst();
            }
            return queue;
        });
        if (next[0] == null) {
            return;
        }
        Write write = next[0];
        Stages.call(() -> write.call.apply(durable)).whenComplete((value, error) -> {
            if (finish(ref, write, value, error)) {
                drain(ref);
            }
        });
    }

    /** Settles a sent write; @return whether to go on sending (false after an outage) */
    private boolean finish(SessionRef ref, Write write, Object value, Throwable error) {
        boolean outage = error != null && Outages.isOutage(error);
        List<Write> waiting = new ArrayList<>();
        queues.computeIfPresent(ref, (key, queue) -> {
            queue.running = false;
            if ((!outage || !write.replayed) && queue.writes.remove(write)) {
                pending.decrementAndGet();
            }
            if (outage) {
                waiting.addAll(queue.writes); // every waiter hears of the outage; the writes stay for replay
            }
            return queue.writes.isEmpty() && !queue.running ? null : queue;
        });
        if (error == null) {
            write.waiter.complete(value);
            return true;
        }
        write.waiter.completeExceptionally(Stages.unwrap(error));
        waiting.forEach(queued -> queued.waiter.completeExceptionally(Stages.unwrap(error)));
        if (outage) {
            LOG.debug("Durable tier '{}' is out; {} keeps its writes for replay: {}", durable.name(), ref,
                    Stages.unwrap(error).toString());
            return false;
        }
        LOG.warn("Durable tier '{}' refused a session write of {}: {}", durable.name(), ref, Stages.unwrap(error).toString());
        metrics.backgroundFailure("durable-write");
        return true;
    }
}
