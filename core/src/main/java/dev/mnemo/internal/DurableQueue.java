package dev.mnemo.internal;

import dev.mnemo.Message;
import dev.mnemo.spi.AppendOutcome;
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
 * Every write bound for the durable tier, queued per session and sent one at a time in order:
 * the replay journal and the write-behind buffer in one. A write that meets an outage stays
 * queued and is replayed, idempotently, until the tier takes it; its waiter learns of the outage
 * at once, so the caller can be answered degraded. Appends that no caller waits for (write-behind,
 * replays) are coalesced into one batch per session. Bounded by {@code capacity} pending messages:
 * past it a write is refused with {@link JournalFullException}, never dropped silently.
 */
final class DurableQueue {

    private static final Logger LOG = LoggerFactory.getLogger(DurableQueue.class);
    /** The most messages coalesced into one append: well under Firestore's 500 writes per commit. */
    static final int MAX_COALESCED_MESSAGES = 200;

    private final MemoryStore durable;
    private final int capacity;
    private final RouterMetrics metrics;
    private final Map<SessionRef, SessionQueue> queues = new ConcurrentHashMap<>();
    private final AtomicInteger pending = new AtomicInteger();

    DurableQueue(MemoryStore durable, int capacity, RouterMetrics metrics) {
        this.durable = durable;
        this.capacity = capacity;
        this.metrics = metrics;
        metrics.bindJournal(pending::get);
    }

    /** One queued write: an append (coalescable) or any other session write. */
    private static final class Write {
        final List<Message> messages;
        final Function<MemoryStore, ? extends CompletionStage<?>> call;
        final CompletableFuture<Object> waiter;

        Write(List<Message> messages, Function<MemoryStore, ? extends CompletionStage<?>> call, boolean awaited) {
            this.messages = messages;
            this.call = call;
            this.waiter = awaited ? new CompletableFuture<>() : null;
        }

        int weight() {
            return messages != null ? messages.size() : 1;
        }

        boolean awaited() {
            return waiter != null && !waiter.isDone();
        }
    }

    /** The writes of one session; changed only inside the map's compute for its key. */
    private static final class SessionQueue {
        final Deque<Write> writes = new ArrayDeque<>();
        boolean running;
    }

    /**
     * Queues an append.
     *
     * @param awaited whether the caller waits for the durable tier (write-through)
     * @return completes with the durable tier's outcome, or fails on an outage (the append stays queued)
     */
    CompletableFuture<AppendOutcome> append(SessionRef ref, List<Message> messages, boolean awaited) {
        Write write = new Write(List.copyOf(messages), tier -> tier.append(ref, messages), awaited);
        return submit(ref, write, awaited).thenApply(AppendOutcome.class::cast);
    }

    /**
     * Queues a write other than an append and sends it now, after the session's earlier writes.
     *
     * @return completes with the durable tier's answer, or fails on an outage (the write stays queued)
     */
    @SuppressWarnings("unchecked")
    <T> CompletableFuture<T> write(SessionRef ref, Function<MemoryStore, CompletionStage<T>> call) {
        return (CompletableFuture<T>) submit(ref, new Write(null, call, true), true);
    }

    /** @return the messages queued for {@code ref}, oldest first, to merge into a read */
    List<Message> pendingMessages(SessionRef ref) {
        List<Message> found = new ArrayList<>();
        queues.computeIfPresent(ref, (key, queue) -> {
            queue.writes.stream().filter(w -> w.messages != null).forEach(w -> found.addAll(w.messages));
            return queue;
        });
        return found;
    }

    /** Drops every queued write of a session being purged, so none can bring it back. */
    void drop(SessionRef ref) {
        queues.computeIfPresent(ref, (key, queue) -> {
            for (Write write : queue.writes) {
                pending.addAndGet(-write.weight());
                if (write.waiter != null) {
                    write.waiter.cancel(false);
                }
            }
            queue.writes.clear();
            return queue.running ? queue : null;
        });
    }

    /** Sends the queued writes of every session: replay after an outage, and the write-behind flush. */
    void drainAll() {
        queues.keySet().forEach(this::drain);
    }

    /** @return whether any write waits for the durable tier */
    boolean isEmpty() {
        return pending.get() == 0;
    }

    /** @return how many messages (other writes count one) wait for the durable tier */
    int size() {
        return pending.get();
    }

    private CompletableFuture<Object> submit(SessionRef ref, Write write, boolean drainNow) {
        int weight = write.weight();
        if (pending.addAndGet(weight) > capacity) {
            pending.addAndGet(-weight);
            return CompletableFuture.failedFuture(new JournalFullException(durable.name(), capacity));
        }
        queues.compute(ref, (key, queue) -> {
            SessionQueue target = queue != null ? queue : new SessionQueue();
            target.writes.addLast(write);
            return target;
        });
        if (drainNow) {
            drain(ref);
        }
        return write.waiter != null ? write.waiter : CompletableFuture.completedFuture(null);
    }

    /** Sends the session's writes in order until none is left or the tier is out; one sender per session at a time. */
    private void drain(SessionRef ref) {
        while (true) {
            List<Write> batch = claim(ref);
            if (batch.isEmpty()) {
                return;
            }
            Function<MemoryStore, ? extends CompletionStage<?>> call = batch.size() == 1 ? batch.get(0).call
                    : tier -> tier.append(ref, batch.stream().flatMap(w -> w.messages.stream()).toList());
            CompletableFuture<Object> sent = send(call);
            if (!sent.isDone()) {
                sent.whenComplete((value, error) -> {
                    if (finish(ref, batch, value, error)) {
                        drain(ref);
                    }
                });
                return;
            }
            // Completed already (an in-process tier): loop rather than recurse, so a long queue cannot overflow the stack.
            Object[] outcome = new Object[2];
            sent.whenComplete((value, error) -> {
                outcome[0] = value;
                outcome[1] = error;
            });
            if (!finish(ref, batch, outcome[0], (Throwable) outcome[1])) {
                return;
            }
        }
    }

    private CompletableFuture<Object> send(Function<MemoryStore, ? extends CompletionStage<?>> call) {
        try {
            return call.apply(durable).toCompletableFuture().thenApply(value -> (Object) value);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private List<Write> claim(SessionRef ref) {
        List<Write> batch = new ArrayList<>();
        queues.computeIfPresent(ref, (key, queue) -> {
            if (!queue.running && !queue.writes.isEmpty()) {
                queue.running = true;
                batch.addAll(next(queue.writes));
            }
            return queue;
        });
        return batch;
    }

    /**
     * The head write, with the unawaited appends right behind it when it is an unawaited append
     * too, up to {@link #MAX_COALESCED_MESSAGES} messages, which every tier takes in one append.
     */
    private static List<Write> next(Deque<Write> writes) {
        List<Write> batch = new ArrayList<>();
        Write head = writes.peekFirst();
        batch.add(head);
        if (head.messages != null && !head.awaited()) {
            int messages = head.messages.size();
            for (Write write : writes) {
                if (write != head) {
                    if (write.messages == null || write.awaited()
                            || messages + write.messages.size() > MAX_COALESCED_MESSAGES) {
                        break;
                    }
                    messages += write.messages.size();
                    batch.add(write);
                }
            }
        }
        return batch;
    }

    /** Settles a sent batch; @return whether to go on sending (false after an outage) */
    private boolean finish(SessionRef ref, List<Write> batch, Object value, Throwable error) {
        boolean outage = error != null && Outages.isOutage(error);
        queues.computeIfPresent(ref, (key, queue) -> {
            queue.running = false;
            if (outage) {
                queue.writes.forEach(write -> failWaiter(write, error)); // the writes stay for replay
                return queue;
            }
            for (Write write : batch) {
                if (queue.writes.remove(write)) {
                    pending.addAndGet(-write.weight());
                }
            }
            return queue.writes.isEmpty() ? null : queue;
        });
        if (outage) {
            LOG.debug("Durable tier '{}' is out; {} keeps its writes for replay: {}", durable.name(), ref,
                    Stages.unwrap(error).toString());
            return false;
        }
        int replayed = 0;
        for (Write write : batch) {
            replayed += write.waiter == null || write.waiter.isDone() ? 1 : 0;
            if (write.waiter != null) {
                if (error == null) {
                    write.waiter.complete(value);
                } else {
                    write.waiter.completeExceptionally(Stages.unwrap(error));
                }
            }
        }
        if (error != null) {
            LOG.warn("Durable tier '{}' refused a write of session {}; it is dropped: {}", durable.name(), ref,
                    Stages.unwrap(error).toString());
            metrics.backgroundFailure("durable-write");
        } else if (replayed > 0) {
            metrics.replayed(replayed);
        }
        return true;
    }

    private static void failWaiter(Write write, Throwable error) {
        if (write.waiter != null) {
            write.waiter.completeExceptionally(Stages.unwrap(error));
        }
    }
}
