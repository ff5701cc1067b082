package dev.mnemo.store.firestore.internal;

import dev.mnemo.spi.AppendOutcome;
import dev.mnemo.spi.SessionRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * Group commit of appends, one lane per session: a session has at most one commit in flight from
 * this store, and appends that arrive meanwhile wait and go together into the next one. So a
 * session's document takes one write per commit however many callers append at once, callers of
 * one process never contend for it, and each caller is answered when the commit holding its
 * messages is done (nothing is acknowledged before it is stored). With an interval, the next
 * commit of a session starts no sooner than that after the previous one started: the debounce
 * that keeps a busy session under Firestore's sustained rate of about one write per second per
 * document.
 *
 * <p>Every change to a lane happens inside the map's atomic {@code compute} for its session.
 */
public final class CommitLanes {

    /** Commits the batches of one session together; the outcomes are in the batches' order. */
    @FunctionalInterface
    public interface Committer {
        /**
         * @param ref     the session
         * @param batches the waiting appends, each already checked
         * @return one outcome per batch
         */
        CompletableFuture<List<AppendOutcome>> commit(SessionRef ref, List<PreparedBatch> batches);
    }

    private final ConcurrentMap<SessionRef, List<Waiting>> lanes = new ConcurrentHashMap<>();
    private final Committer committer;
    private final Duration interval;

    /**
     * @param committer what commits a group of batches
     * @param interval  the least time between the starts of two commits of one session, or zero
     */
    public CommitLanes(Committer committer, Duration interval) {
        this.committer = committer;
        this.interval = interval;
    }

    /** @return the outcome of {@code batch}, once the commit that holds it is done */
    public CompletableFuture<AppendOutcome> submit(SessionRef ref, PreparedBatch batch) {
        Waiting waiting = new Waiting(batch, new CompletableFuture<>());
        boolean[] idle = {false};
        lanes.compute(ref, (key, queue) -> {
            List<Waiting> lane = queue;
            if (lane == null) {
                lane = new ArrayList<>();
                idle[0] = true;
            }
            lane.add(waiting);
            return lane;
        });
        if (idle[0]) {
            drain(ref);
        }
        return waiting.outcome;
    }

    /** Commits what waits in the session's lane, then comes back for more, or retires the lane when it is empty. */
    private void drain(SessionRef ref) {
        List<Waiting> group = new ArrayList<>();
        lanes.computeIfPresent(ref, (key, lane) -> {
            takeGroup(lane, group);
            return group.isEmpty() ? null : lane; // an empty lane retires, so the next submit starts a drain
        });
        if (group.isEmpty()) {
            return;
        }
        CompletableFuture<List<AppendOutcome>> commit;
        try {
            commit = committer.commit(ref, group.stream().map(Waiting::batch).toList());
        } catch (RuntimeException e) {
            commit = CompletableFuture.failedFuture(e);
        }
        // Taken once the commit has started, not before the call: the interval is then kept from
        // any moment the committer counts as its start.
        long started = System.nanoTime();
        commit.whenComplete((outcomes, error) -> {
            for (int i = 0; i < group.size(); i++) {
                if (error == null) {
                    group.get(i).outcome.complete(outcomes.get(i));
                } else {
                    group.get(i).outcome.completeExceptionally(error);
                }
            }
            long waitNanos = Math.max(0, interval.toNanos() - (System.nanoTime() - started));
            CompletableFuture.runAsync(() -> drain(ref), CompletableFuture.delayedExecutor(waitNanos, TimeUnit.NANOSECONDS));
        });
    }

    /** Moves the oldest waiting batches that fit in one commit from {@code lane} to {@code group}; at least one. */
    private static void takeGroup(List<Waiting> lane, List<Waiting> group) {
        int messages = 0;
        long bytes = 0;
        while (!lane.isEmpty()) {
            PreparedBatch next = lane.get(0).batch;
            boolean fits = messages + next.size() <= PreparedBatch.MAX_MESSAGES
                    && bytes + next.bytes() <= DocumentSize.MAX_COMMIT_BYTES;
            if (!group.isEmpty() && !fits) {
                return;
            }
            group.add(lane.remove(0));
            messages += next.size();
            bytes += next.bytes();
        }
    }

    private record Waiting(PreparedBatch batch, CompletableFuture<AppendOutcome> outcome) {
    }
}
