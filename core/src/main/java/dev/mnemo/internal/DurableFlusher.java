package dev.mnemo.internal;

import dev.mnemo.spi.support.Stages;
import dev.mnemo.JournalFullException;
import dev.mnemo.Message;
import dev.mnemo.SessionNotFoundException;
import dev.mnemo.StoreUnavailableException;
import dev.mnemo.spi.BatchWriter;
import dev.mnemo.spi.SessionRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * Sends messages to the durable tier in commits as large as it takes ({@link BatchWriter}'s
 * limits), several sessions per commit, at most {@value #MAX_IN_FLIGHT} commits at a time and one
 * per session. What waits is held here per session, in id order ({@link FlushQueue}); each message is
 * also in the hot tier's journal when it has one ({@link JournalDrain} settles it there once
 * committed), and only then is this memory a copy rather than the sole holder.
 *
 * <p>An outage pauses sending until the tier's breaker closes again ({@link #resume()}): nothing is
 * retried in a loop against a tier that is down, and a half-open breaker is probed by a cheap call,
 * never by a large commit. A commit the tier refuses for another reason is split into single
 * messages; one refused alone is poisoned: kept, counted, logged with its id and reported to the
 * journal, never dropped. A session the tier does not hold (created while it was down) is created
 * from {@link FlushLane#snapshot} first.
 *
 * <p>Thread-safe: the lanes are changed only under this object's lock; commits run outside it.
 */
final class DurableFlusher {

    /** Commits in flight at once; each holds other sessions. */
    static final int MAX_IN_FLIGHT = 2;

    private final String tier;
    private final BatchWriter writer;
    private final int capacity;
    private final RouterMetrics metrics;
    private final JournalDrain drain;
    private final FlushQueue queue = new FlushQueue();
    private final CommitOutcomes outcomes;
    private final Executor sender;
    private final AtomicBoolean pumping = new AtomicBoolean();
    private int inFlight;
    private boolean paused;

    /**
     * @param tier     the durable tier's name
     * @param writer   the durable tier's batch writes, behind its breaker
     * @param capacity the most messages held here; past it appends not journaled elsewhere are refused
     * @param drain    what settles committed messages in the hot tier's journal and creates missing sessions
     * @param poisoned where refused messages are kept
     * @param metrics  where replays, failures and the backlog go
     * @param sender   the thread that builds and starts commits, off the threads that append
     */
    DurableFlusher(String tier, BatchWriter writer, int capacity, JournalDrain drain, Poisoned poisoned,
                   RouterMetrics metrics, Executor sender) {
        this.tier = tier;
        this.sender = sender;
        this.writer = writer;
        this.capacity = capacity;
        this.drain = drain;
        this.outcomes = new CommitOutcomes(queue, drain, poisoned, metrics);
        this.metrics = metrics;
        metrics.bindJournal(this::size);
    }

    /**
     * Takes messages for the durable tier.
     *
     * @param weights   each message's size by the durable tier's {@link BatchWriter#weigh}
     * @param journaled whether the hot tier's journal holds them too; if so and this memory is full
     *                  they are left to the journal alone
     * @return completes as each message is committed (empty: left to the journal)
     * @throws StoreUnavailableException when they are held nowhere else and this memory is full
     */
    Optional<CompletableFuture<DurableCommit>> submit(SessionRef ref, List<Message> messages, long[] weights,
                                                       boolean journaled) {
        List<CompletableFuture<BatchWriter.Stored>> stored = new ArrayList<>(messages.size());
        synchronized (this) {
            if (queue.size() + messages.size() > capacity) {
                if (journaled) {
                    drain.overflowed(ref); // read back from the journal once this memory has room
                    return Optional.empty();
                }
                throw new JournalFullException(tier, capacity + " messages (mnemo.journal.max-messages)");
            }
            FlushLane lane = queue.open(ref);
            for (int i = 0; i < messages.size(); i++) {
                stored.add(queue.add(lane, messages.get(i), weights[i], journaled, false));
            }
            queue.enqueue(lane);
        }
        pump();
        if (isPaused()) {
            return Optional.of(CompletableFuture.failedFuture(new StoreUnavailableException(tier,
                    "it is out; the messages wait for it in the journal", null)));
        }
        List<UUID> ids = messages.stream().map(Message::id).toList();
        return Optional.of(CompletableFuture.allOf(stored.toArray(CompletableFuture[]::new))
                .thenApply(all -> DurableCommit.of(ids, stored.stream().map(CompletableFuture::join).toList())));
    }

    /**
     * Adds entries read from the hot tier's journal, with the session as the journal recorded it.
     *
     * @return completes when each is committed and settled, or refused (then it is poisoned)
     */
    CompletableFuture<Void> load(SessionRef ref, List<Message> messages, Optional<dev.mnemo.Session> snapshot) {
        List<CompletableFuture<BatchWriter.Stored>> stored = new ArrayList<>(messages.size());
        synchronized (this) {
            FlushLane lane = queue.open(ref);
            snapshot.ifPresent(found -> lane.snapshot = found);
            for (Message message : messages) {
                stored.add(queue.add(lane, message, writer.weigh(ref, message), true, true));
            }
            queue.enqueue(lane);
        }
        pump();
        return settled(stored);
    }

    /** @return completes when every message of {@code ref} waiting now is committed or refused */
    CompletableFuture<Void> pendingCommits(SessionRef ref) {
        synchronized (this) {
            FlushLane lane = queue.get(ref);
            if (lane == null) {
                return CompletableFuture.completedFuture(null);
            }
            return settled(lane.entries.values().stream().map(entry -> entry.stored).toList());
        }
    }

    /** @return completes when each is committed or refused (poisoned); fails on an outage */
    private static CompletableFuture<Void> settled(List<CompletableFuture<BatchWriter.Stored>> stored) {
        return CompletableFuture.allOf(stored.stream().map(future -> future.exceptionally(error -> {
            if (Outages.isOutage(error)) {
                throw new java.util.concurrent.CompletionException(Stages.unwrap(error));
            }
            return null;
        })).toArray(CompletableFuture[]::new));
    }

    /** @return the messages of {@code ref} not yet committed, in id order, to merge into a read of the durable tier */
    synchronized List<Message> pendingMessages(SessionRef ref) {
        FlushLane lane = queue.get(ref);
        return lane == null ? List.of() : lane.entries.values().stream().map(entry -> entry.message).toList();
    }

    /** @return whether a session has messages here */
    synchronized boolean holds(SessionRef ref) {
        FlushLane lane = queue.get(ref);
        return lane != null && !lane.entries.isEmpty();
    }

    /** @return the sessions with messages here, whose journal leases this process keeps */
    synchronized List<SessionRef> sessions() {
        return queue.sessions();
    }

    /** @return how many messages wait here */
    synchronized int size() {
        return queue.size();
    }

    /** @return whether this memory holds anything not also in a journal: what a crash of this process would lose */
    synchronized int unjournaled() {
        return (int) queue.entries().filter(entry -> !entry.journaled).count();
    }

    /** Drops a purged session's messages, so no commit brings it back; their waiters fail. */
    void drop(SessionRef ref) {
        FlushLane lane;
        synchronized (this) {
            lane = queue.remove(ref);
            if (lane == null) {
                return;
            }
        }
        lane.entries.values().forEach(entry -> entry.fail(new SessionNotFoundException(ref + " was deleted")).run());
    }

    /** Sends again after an outage, once the tier's breaker has closed. */
    void resume() {
        synchronized (this) {
            paused = false;
        }
        pump();
    }

    /** @return whether sending waits for the tier to come back */
    synchronized boolean isPaused() {
        return paused;
    }

    /**
     * Has commits started, on the sender, while fewer than {@link #MAX_IN_FLIGHT} are in flight and
     * sessions wait: the work of building a commit never runs on the thread that appends (often a
     * Redis client's event loop). Never blocks; called after every change.
     */
    void pump() {
        if (pumping.compareAndSet(false, true)) {
            try {
                sender.execute(this::pumpNow);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                pumping.set(false); // closed: nothing more is sent
            }
        }
    }

    private void pumpNow() {
        pumping.set(false);
        while (true) {
            Map<SessionRef, List<FlushLane.Entry>> group;
            synchronized (this) {
                if (paused || inFlight >= MAX_IN_FLIGHT || !queue.hasReady()) {
                    return;
                }
                group = queue.takeGroup(writer);
                if (group.isEmpty()) {
                    return;
                }
                inFlight++;
            }
            Map<SessionRef, List<Message>> batches = new LinkedHashMap<>();
            group.forEach((ref, entries) -> batches.put(ref, entries.stream().map(entry -> entry.message).toList()));
            Stages.call(() -> writer.appendAll(batches)).whenComplete((stored, error) -> finish(group, stored, error));
        }
    }

    private void finish(Map<SessionRef, List<FlushLane.Entry>> group, Map<SessionRef, BatchWriter.Stored> stored, Throwable error) {
        Throwable failure = error == null ? null : Stages.unwrap(error);
        boolean outage = failure != null && Outages.isOutage(failure);
        List<Runnable> after = new ArrayList<>();
        synchronized (this) {
            inFlight--;
            for (Map.Entry<SessionRef, List<FlushLane.Entry>> part : group.entrySet()) {
                SessionRef ref = part.getKey();
                FlushLane lane = queue.get(ref);
                if (lane == null) {
                    continue; // dropped while in flight
                }
                lane.sending = false;
                if (failure == null && stored.containsKey(ref)) {
                    after.add(outcomes.committed(lane, part.getValue(), stored.get(ref)));
                } else if (failure == null) {
                    lane.sending = true; // held until the session exists in the durable tier
                    after.add(() -> drain.recreate(ref, lane.snapshot, () -> release(ref), () -> drop(ref)));
                } else if (!outage && part.getValue().size() == 1 && group.size() == 1) {
                    after.add(outcomes.poisoned(lane, part.getValue().get(0), failure));
                } else if (!outage) {
                    lane.isolate = true;
                }
                queue.enqueue(lane);
            }
            if (outage) {
                paused = true;
                // Every waiter hears of the outage now; the messages stay for the tier's return.
                queue.entries().forEach(entry -> after.add(entry.fail(failure)));
            }
        }
        if (outage) {
            metrics.backgroundFailure("durable-write");
        }
        after.forEach(Runnable::run);
        pump();
    }

    /** Lets a held session's messages go again. */
    private void release(SessionRef ref) {
        synchronized (this) {
            FlushLane lane = queue.get(ref);
            if (lane == null) {
                return;
            }
            lane.sending = false;
            queue.enqueue(lane);
        }
        pump();
    }

    /** Waits until {@code done} holds or {@code deadlineNanos} passes, pumping meanwhile. */
    boolean awaitUntil(BooleanSupplier done, long deadlineNanos) throws InterruptedException {
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadlineNanos) {
                return false;
            }
            pump();
            Thread.sleep(10);
        }
        return true;
    }
}
