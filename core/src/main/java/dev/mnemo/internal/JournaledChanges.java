package dev.mnemo.internal;

import dev.mnemo.Session;
import dev.mnemo.SessionNotFoundException;
import dev.mnemo.spi.DurableJournal;
import dev.mnemo.spi.DurableJournal.Journaled;
import dev.mnemo.spi.DurableJournal.JournaledChange;
import dev.mnemo.spi.MemoryStore;
import dev.mnemo.spi.SessionChange;
import dev.mnemo.spi.SessionRef;
import dev.mnemo.spi.support.Stages;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the session changes the hot tier's {@link DurableJournal} holds to the durable tier, one
 * session at a time in the order they were made, and settles each once applied: so no change waits
 * in this process's memory alone, and any process (this one after an outage, another after a crash)
 * delivers what is left from the journal. A change is applied directly when nothing older of its
 * session is pending; else the session's pending changes are read back and applied in order, this one
 * among them. An end first commits every message of its session that waits.
 */
final class JournaledChanges {

    private static final Logger LOG = LoggerFactory.getLogger(JournaledChanges.class);
    /** Changes read back per journal read. */
    private static final int PAGE = 50;

    private final MemoryStore durable;
    private final DurableJournal journal;
    private final JournalDrain drain;
    private final RouterMetrics metrics;
    private final Map<SessionRef, CompletableFuture<?>> tails = new ConcurrentHashMap<>();
    private final Set<SessionRef> behind = ConcurrentHashMap.newKeySet();

    JournaledChanges(MemoryStore durable, DurableJournal journal, JournalDrain drain, RouterMetrics metrics) {
        this.durable = durable;
        this.journal = journal;
        this.drain = drain;
        this.metrics = metrics;
    }

    /**
     * Delivers a change the journal took as {@code journaled}.
     *
     * @return the durable tier's answer; fails on an outage (the change stays journaled and is
     *         delivered once the tier is back)
     */
    @SuppressWarnings("unchecked")
    <T> CompletableFuture<T> deliver(SessionChange<T> change, Journaled<T> journaled) {
        SessionRef ref = change.ref();
        return serially(ref, () -> {
            if (journaled.earlier() == 0 && !behind.contains(ref)) {
                return applyOne(change).thenCompose(value -> Stages.call(() -> journal.settleChanges(ref,
                        List.of(journaled.entry()))).handle((left, error) -> value));
            }
            Object[] mine = new Object[1];
            return applyAll(ref, journaled.entry(), mine).thenApply(done -> (T) mine[0]);
        });
    }

    /** Delivers every pending change of {@code ref}: after an outage, or a session a dead process left. */
    CompletionStage<Void> recover(SessionRef ref) {
        return serially(ref, () -> applyAll(ref, null, new Object[1]));
    }

    /** @return the sessions whose journal holds changes an outage left undelivered */
    Set<SessionRef> behind() {
        return Set.copyOf(behind);
    }

    /** @return the sessions with changes on their way or left behind: their journal leases are this process's */
    Set<SessionRef> sessions() {
        Set<SessionRef> held = new java.util.HashSet<>(tails.keySet());
        held.addAll(behind);
        return held;
    }

    /** Forgets a purged session: its journal is gone with it. */
    void forget(SessionRef ref) {
        behind.remove(ref);
    }

    private CompletableFuture<Void> applyAll(SessionRef ref, String entry, Object[] answer) {
        return Stages.call(() -> journal.readChanges(ref, PAGE)).toCompletableFuture().thenCompose(changes -> {
            if (changes.isEmpty()) {
                behind.remove(ref);
                return CompletableFuture.completedFuture(null);
            }
            CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
            for (JournaledChange pending : changes) {
                chain = chain.thenCompose(done -> applyOne(pending.change()).thenCompose(value -> {
                    if (pending.entry().equals(entry)) {
                        answer[0] = value;
                    }
                    return Stages.call(() -> journal.settleChanges(ref, List.of(pending.entry())));
                }).thenApply(left -> null));
            }
            return chain.thenCompose(done -> changes.size() < PAGE ? CompletableFuture.completedFuture(null)
                    : applyAll(ref, entry, answer));
        }).whenComplete((done, error) -> {
            if (error != null && Outages.isOutage(error)) {
                behind.add(ref);
            }
        });
    }

    /**
     * Applies one change; an end commits the session's waiting messages first, a create checks the
     * session was not purged meanwhile. A change the durable tier refuses for a reason other than an
     * outage (the session was purged there) is logged and counted, and answers {@code null}: the hot
     * tier and the journal's order are unaffected.
     */
    @SuppressWarnings("unchecked")
    private <T> CompletableFuture<T> applyOne(SessionChange<T> change) {
        if (change instanceof SessionChange.Create create) {
            return createUnlessPurged(create).thenApply(created -> (T) created);
        }
        CompletionStage<Void> before = change instanceof SessionChange.End ? drain.drainSession(change.ref())
                : CompletableFuture.completedFuture(null);
        return refusedOrOut(change, before.thenCompose(ready -> Stages.call(() -> change.applyTo(durable))));
    }

    /**
     * Creates the session in the durable tier unless it was purged since: a create on its way (a cold
     * client's first call, a process that read it from the journal) may land after the purge reached
     * the durable tier, so the tombstone is asked before, and again after, in which case the session
     * is purged from the durable tier once more.
     */
    private CompletableFuture<Session> createUnlessPurged(SessionChange.Create create) {
        SessionRef ref = create.ref();
        return purged(create.session()).thenCompose(gone -> gone ? CompletableFuture.<Session>completedFuture(null)
                : refusedOrOut(create, Stages.call(() -> create.applyTo(durable))).thenCompose(created ->
                        purged(create.session()).thenCompose(after -> !after ? CompletableFuture.completedFuture(created)
                                : Stages.call(() -> durable.deleteSession(ref)).toCompletableFuture()
                                        .handle((deleted, error) -> (Session) null))));
    }

    /** @return whether the session was purged after it was created; never fails (an unreadable tombstone counts as none) */
    private CompletableFuture<Boolean> purged(Session session) {
        return Stages.call(() -> journal.purgedAt(session.ref())).toCompletableFuture().handle((at, error) ->
                error == null && at.isPresent() && session.createdAt().isBefore(at.get()));
    }

    /**
     * @return {@code applied}; a change the durable tier refuses for a reason other than an outage
     *         (the session was purged there) is logged and counted and answers {@code null}
     */
    private <T> CompletableFuture<T> refusedOrOut(SessionChange<?> change, CompletionStage<T> applied) {
        return applied.toCompletableFuture()
                .exceptionallyCompose(error -> {
                    if (Outages.isOutage(error)) {
                        behind.add(change.ref());
                        return CompletableFuture.failedFuture(error);
                    }
                    Throwable cause = Stages.unwrap(error);
                    if (!(cause instanceof SessionNotFoundException)) {
                        LOG.warn("Durable tier '{}' refused a {} of session {}; the hot tier keeps it: {}", durable.name(),
                                change.getClass().getSimpleName(), change.ref(), cause.toString());
                        metrics.backgroundFailure("durable-change");
                    }
                    return CompletableFuture.completedFuture(null);
                });
    }

    /** Runs {@code step} after every earlier step of the session, whatever their outcome. */
    private <T> CompletableFuture<T> serially(SessionRef ref, Supplier<CompletableFuture<T>> step) {
        CompletableFuture<Void> turn = new CompletableFuture<>();
        CompletableFuture<?> previous = tails.put(ref, turn);
        CompletableFuture<?> after = previous == null ? CompletableFuture.completedFuture(null) : previous;
        CompletableFuture<T> result = after.handle((value, error) -> null)
                .thenCompose(ready -> Stages.call(step::get).toCompletableFuture());
        result.whenComplete((value, error) -> {
            turn.complete(null);
            tails.remove(ref, turn);
        });
        return result;
    }
}
