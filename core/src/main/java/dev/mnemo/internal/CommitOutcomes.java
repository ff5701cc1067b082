package dev.mnemo.internal;

import dev.mnemo.spi.BatchWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * What a commit of the {@link DurableFlusher} leaves behind. Committed messages leave their lanes
 * and are settled in the hot tier's journal before their waiters hear of the commit; a message the
 * durable tier refused on its own is kept as poisoned, never dropped. Each method changes the
 * {@link FlushQueue} under the flusher's lock and returns what to do outside it.
 */
final class CommitOutcomes {

    private final FlushQueue queue;
    private final JournalDrain drain;
    private final Poisoned poisoned;
    private final RouterMetrics metrics;

    /**
     * @param queue    what waits, where the outcomes are taken out
     * @param drain    what settles committed messages in the hot tier's journal
     * @param poisoned where refused messages are kept
     * @param metrics  where replays go
     */
    CommitOutcomes(FlushQueue queue, JournalDrain drain, Poisoned poisoned, RouterMetrics metrics) {
        this.queue = queue;
        this.drain = drain;
        this.poisoned = poisoned;
        this.metrics = metrics;
    }

    /** Removes committed entries; @return what to do outside the lock: complete waiters, settle the journal */
    Runnable committed(FlushLane lane, List<FlushLane.Entry> entries, BatchWriter.Stored stored) {
        List<UUID> journaled = new ArrayList<>();
        int replayed = 0;
        for (FlushLane.Entry entry : entries) {
            queue.remove(lane, entry);
            if (entry.journaled) {
                journaled.add(entry.message.id());
            }
            replayed += entry.loaded ? 1 : 0;
        }
        lane.isolate = false;
        boolean emptied = lane.entries.isEmpty();
        queue.forgetIfIdle(lane);
        int unawaited = replayed;
        List<CompletableFuture<BatchWriter.Stored>> waiters = entries.stream().map(entry -> entry.stored).toList();
        return () -> {
            if (unawaited > 0) {
                metrics.replayed(unawaited);
            }
            // Waiters hear of the commit once the journal no longer holds it, so none reads it there again.
            drain.settle(lane.ref, journaled, emptied).whenComplete((left, error) ->
                    waiters.forEach(waiter -> waiter.complete(stored)));
        };
    }

    /** Takes a refused message out of the lane, keeping it as poisoned; @return what to do outside the lock */
    Runnable poisoned(FlushLane lane, FlushLane.Entry entry, Throwable failure) {
        queue.remove(lane, entry);
        CompletableFuture<BatchWriter.Stored> waiter = entry.stored;
        return () -> {
            poisoned.add(lane.ref, entry.message, failure, entry.journaled);
            waiter.completeExceptionally(failure);
        };
    }
}
