package dev.mnemo.internal;

import dev.mnemo.spi.support.Stages;
import dev.mnemo.Message;
import dev.mnemo.Session;
import dev.mnemo.SessionStatus;
import dev.mnemo.StoreUnavailableException;
import dev.mnemo.spi.BatchWriter;
import dev.mnemo.spi.DurableJournal;
import dev.mnemo.spi.JournalPage;
import dev.mnemo.spi.MemoryStore;
import dev.mnemo.spi.SessionRef;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link DurableFlusher}'s side toward the hot tier's {@link DurableJournal}: it settles what
 * was committed, keeps this process's leases on the sessions it flushes, claims the sessions no
 * process holds (such as those a dead process left) and loads their entries page by page, and
 * creates in the durable tier a session it lacks. Without a journal it only creates sessions and
 * retries refused messages.
 */
final class JournalDrain {

    private static final Logger LOG = LoggerFactory.getLogger(JournalDrain.class);
    /** Sessions claimed per maintenance run. */
    private static final int CLAIMS_PER_RUN = 16;

    private final String namespace;
    private final MemoryStore hot;
    private final MemoryStore durable;
    private final DurableJournal journal;
    private final BatchWriter writer;
    private final Poisoned poisoned;
    private final ScheduledExecutorService scheduler;
    private final long retryMillis;
    private final Set<SessionRef> recovering = ConcurrentHashMap.newKeySet();
    private final Set<SessionRef> loading = ConcurrentHashMap.newKeySet();
    private final Map<SessionRef, Long> renewed = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicBoolean purging = new java.util.concurrent.atomic.AtomicBoolean();
    private DurableFlusher flusher;
    private JournaledChanges changes;

    /**
     * @param namespace the namespace whose journals this process drains
     * @param hot       the hot tier, behind its breaker, or {@code null}
     * @param durable   the durable tier, behind its breaker
     * @param journal   the hot tier's journal, behind its breaker, or {@code null}
     * @param writer    the durable tier's batch writes: their limits size a page
     * @param poisoned  the refused messages
     * @param scheduler runs delayed retries
     * @param retry     the pause before a session the durable tier lacks is tried again
     */
    JournalDrain(String namespace, MemoryStore hot, MemoryStore durable, DurableJournal journal, BatchWriter writer,
                 Poisoned poisoned, ScheduledExecutorService scheduler, java.time.Duration retry) {
        this.namespace = namespace;
        this.hot = hot;
        this.durable = durable;
        this.journal = journal;
        this.writer = writer;
        this.poisoned = poisoned;
        this.scheduler = scheduler;
        this.retryMillis = retry.toMillis();
    }

    /** Completes the wiring: the flusher and the changes take this drain in their constructors. */
    void attach(DurableFlusher flusher, JournaledChanges changes) {
        this.flusher = flusher;
        this.changes = changes;
    }

    /**
     * Applies a purge to the durable tier and forgets it in the journal.
     *
     * @return how many sessions the durable tier purged; fails while it is out (the purge stays recorded)
     */
    CompletionStage<Integer> applyPurge(DurableJournal.Purge purge) {
        CompletionStage<Integer> purged = purge.session() != null
                ? Stages.call(() -> durable.deleteSession(new SessionRef(purge.namespace(), purge.session())))
                        .thenApply(existed -> existed ? 1 : 0)
                : Stages.call(() -> durable.deleteUser(purge.namespace(), purge.userId()));
        return purged.thenCompose(count -> Stages.call(() -> journal.purgeApplied(purge)).thenApply(forgotten -> count));
    }

    /**
     * Applies every purge of the namespace the durable tier has not taken yet, now.
     *
     * @return completes once none is left; fails while the durable tier is out
     */
    CompletionStage<Void> settlePurges() {
        if (journal == null) {
            return CompletableFuture.completedFuture(null);
        }
        return Stages.call(() -> journal.pendingPurges(namespace)).thenCompose(purges -> {
            CompletionStage<?> chain = CompletableFuture.completedFuture(null);
            for (DurableJournal.Purge purge : purges) {
                chain = chain.thenCompose(done -> applyPurge(purge));
            }
            return chain.thenApply(done -> (Void) null);
        });
    }

    /** Applies the namespace's recorded purges, one at a time, oldest first: what a purge during an outage left. */
    private void applyPurges() {
        if (!purging.compareAndSet(false, true)) {
            return;
        }
        settlePurges().whenComplete((done, error) -> {
            purging.set(false);
            if (error != null) {
                LOG.debug("Could not apply recorded purges yet: {}", Stages.unwrap(error).toString());
            }
        });
    }

    /**
     * Notes that messages of {@code ref} were left to the journal alone (the flusher's memory was
     * full): they are read back, page by page, as soon as this process holds none of the session.
     */
    void overflowed(SessionRef ref) {
        recovering.add(ref);
    }

    /**
     * Removes committed entries from the journal; a session being recovered gets its next page once
     * this process holds none of it.
     *
     * @return completes when the journal answered, never fails
     */
    CompletionStage<Void> settle(SessionRef ref, List<UUID> ids, boolean emptied) {
        if (journal == null || ids.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return Stages.call(() -> journal.settle(ref, ids)).handle((left, error) -> {
            if (error != null) {
                LOG.debug("Could not settle {} journal entries of {}; a later flush writes them again: {}",
                        ids.size(), ref, Stages.unwrap(error).toString());
            } else if (left == 0) {
                recovering.remove(ref);
                renewed.remove(ref);
            } else if (emptied && recovering.contains(ref) && !flusher.holds(ref)) {
                loadPage(ref);
            }
            return null;
        });
    }

    /**
     * Creates a session the durable tier lacks, from {@code snapshot} or else the hot tier's copy,
     * with no messages counted: the flush that follows counts them.
     *
     * @param then  runs once it exists, or later after a failure, to send the session's messages again
     * @param gone  runs when no tier knows the session: it was purged
     */
    void recreate(SessionRef ref, Session snapshot, Runnable then, Runnable gone) {
        CompletionStage<Optional<Session>> recorded = snapshot != null ? CompletableFuture.completedFuture(Optional.of(snapshot))
                : hot == null ? CompletableFuture.completedFuture(Optional.empty()) : Stages.call(() -> hot.getSession(ref));
        // A session created before its last purge is the purged one: nothing brings it back.
        CompletionStage<Optional<Session>> source = journal == null ? recorded : recorded.thenCompose(found -> found.isEmpty()
                ? CompletableFuture.completedFuture(found) : Stages.call(() -> journal.purgedAt(ref)).thenApply(purged ->
                        purged.isPresent() && found.get().createdAt().isBefore(purged.get()) ? Optional.<Session>empty() : found));
        source.thenCompose(found -> {
            if (found.isEmpty()) {
                LOG.warn("Session {} was purged; the messages this process still held for the durable tier go with it",
                        ref);
                gone.run();
                return CompletableFuture.completedFuture(null);
            }
            Session known = found.get();
            Session fresh = new Session(known.id(), known.namespace(), known.userId(), known.createdAt(),
                    known.updatedAt(), SessionStatus.ACTIVE, known.metadata(), 0, 0);
            LOG.info("Session {} is missing from the durable tier '{}' (created while it was down); creating it",
                    ref, durable.name());
            return durable.createSession(fresh).thenRun(then);
        }).whenComplete((done, error) -> {
            if (error != null) {
                LOG.debug("Could not create session {} in the durable tier yet: {}", ref, Stages.unwrap(error).toString());
                scheduler.schedule(then, retryMillis, TimeUnit.MILLISECONDS);
            }
        });
    }

    /**
     * One maintenance run: renews this process's leases, retries refused messages held here, and,
     * while the durable tier takes writes, claims sessions no process holds and loads their entries.
     */
    void run(boolean durableUp) {
        poisoned.takeDue().forEach((ref, messages) -> flusher.submit(ref, messages,
                messages.stream().mapToLong(message -> writer.weigh(ref, message)).toArray(), false));
        if (journal == null) {
            return;
        }
        renewLeases();
        if (durableUp && !flusher.isPaused()) {
            applyPurges();
            changes.behind().forEach(changes::recover);
            recovering.stream().filter(ref -> !flusher.holds(ref) && !loading.contains(ref)).forEach(this::loadPage);
            Stages.call(() -> journal.claimDue(namespace, CLAIMS_PER_RUN)).whenComplete((claimed, error) -> {
                if (error != null) {
                    LOG.debug("Could not claim journals: {}", Stages.unwrap(error).toString());
                    return;
                }
                claimed.stream().filter(ref -> !flusher.holds(ref)).forEach(this::recover);
            });
        }
    }

    /**
     * Commits every message of the session that waits, here and in the journal: what an end does
     * before it marks the durable session ENDED.
     *
     * @return completes when none waits; fails with {@link StoreUnavailableException} while the
     *         durable tier is out
     */
    CompletionStage<Void> drainSession(SessionRef ref) {
        if (flusher.isPaused() && Tiers.closed(durable)) {
            flusher.resume(); // the breaker closed since the outage: no need to wait for the next maintenance run
        }
        if (flusher.isPaused()) {
            return CompletableFuture.failedFuture(new StoreUnavailableException(durable.name(),
                    "it is out; the session's messages stay queued for it", null));
        }
        CompletionStage<Void> local = flusher.pendingCommits(ref);
        return journal == null ? local : local.thenCompose(done -> drainJournal(ref));
    }

    private CompletionStage<Void> drainJournal(SessionRef ref) {
        return read(ref).thenCompose(page -> {
            if (page.messages().isEmpty()) {
                return CompletableFuture.completedFuture(null);
            }
            // Committed entries are settled before load completes; refused ones are poisoned, so no page repeats.
            return flusher.load(ref, page.messages(), page.session()).thenCompose(committed -> drainJournal(ref));
        });
    }

    private void recover(SessionRef ref) {
        recovering.add(ref);
        poisoned.forget(ref);
        Stages.call(() -> journal.retryPoisoned(ref)).whenComplete((retried, error) -> loadPage(ref));
    }

    private void loadPage(SessionRef ref) {
        if (!loading.add(ref)) {
            return; // a read of this session is on its way
        }
        read(ref).whenComplete((page, error) -> {
            loading.remove(ref);
            if (error != null) {
                recovering.remove(ref);
                LOG.debug("Could not read the journal of {}: {}", ref, Stages.unwrap(error).toString());
            } else if (page.messages().isEmpty()) {
                recovering.remove(ref);
                // Changes come after the session's messages; an empty journal then leaves the index.
                changes.recover(ref).whenComplete((done, failed) -> journal.settle(ref, List.of()));
            } else {
                LOG.debug("Flushing {} journaled messages of {} to the durable tier", page.messages().size(), ref);
                flusher.load(ref, page.messages(), page.session());
            }
        });
    }

    /** Reads the next page; entries that cannot be read back are poisoned on the way. */
    private CompletionStage<JournalPage> read(SessionRef ref) {
        return Stages.call(() -> journal.read(ref, writer.maxWrites() - 1, writer.maxBytes())).thenApply(page -> {
            if (!page.unreadable().isEmpty()) {
                journal.poison(ref, page.unreadable());
            }
            return page;
        });
    }

    private void renewLeases() {
        long now = System.nanoTime();
        long every = journal.lease().toNanos() / 3;
        Set<SessionRef> held = new java.util.HashSet<>(flusher.sessions());
        held.addAll(recovering);
        held.addAll(changes.sessions());
        renewed.keySet().retainAll(held);
        for (SessionRef ref : held) {
            Long last = renewed.get(ref);
            if (last == null || now - last >= every) {
                renewed.put(ref, now);
                Stages.call(() -> journal.renew(ref, journal.lease()));
            }
        }
    }
}
