package dev.mnemo.internal;

import dev.mnemo.MnemoConfig;
import dev.mnemo.Served;
import dev.mnemo.Session;
import dev.mnemo.SessionEnd;
import dev.mnemo.WriteMode;
import dev.mnemo.spi.DurableJournal;
import dev.mnemo.spi.DurableJournal.Journaled;
import dev.mnemo.spi.MemoryStore;
import dev.mnemo.spi.SessionChange;
import dev.mnemo.spi.SessionRef;
import dev.mnemo.spi.support.Stages;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Session changes (open, state, metadata, end) and purges, and their acknowledgement. With the hot
 * tier's journal, the hot write journals the change in the same step and {@link JournaledChanges}
 * delivers it to the durable tier in order; a purge is final at once with a tombstone. While the hot
 * tier is out, or without one, the durable tier takes changes through {@link SessionWrites}.
 */
final class ChangeWrites {

    private final Tiers tiers;
    private final MnemoConfig settings;
    private final @Nullable Warmer warmer;
    private final @Nullable SessionWrites sessionWrites;
    private final @Nullable JournalDrain drain;
    private final @Nullable JournaledChanges changes;
    private final WriteSupport support;

    ChangeWrites(Tiers tiers, MnemoConfig settings, @Nullable Warmer warmer, @Nullable SessionWrites sessionWrites,
                 @Nullable JournalDrain drain, @Nullable JournaledChanges changes, WriteSupport support) {
        this.tiers = tiers;
        this.settings = settings;
        this.warmer = warmer;
        this.sessionWrites = sessionWrites;
        this.drain = drain;
        this.changes = changes;
        this.support = support;
    }

    /**
     * Applies a session change to every tier. With the hot tier's journal, the hot write journals
     * it in the same step (a session the hot tier lost, by expiry or a restart, is warmed from the
     * durable tier first) and {@link JournaledChanges} delivers it to the durable tier in order;
     * write-through (and every open, whose answer says whether the session existed) waits for that
     * for at most {@link MnemoConfig#durableDeadline()}, then answers degraded. While the hot tier is
     * out, or without one, the durable tier takes it through {@link SessionWrites}.
     */
    @SuppressWarnings("unchecked")
    <T> CompletionStage<Served<T>> write(SessionChange<T> change) {
        if (changes == null) {
            return unjournaled(change);
        }
        SessionRef ref = change.ref();
        CompletableFuture<Journaled<T>> toHot = Reads.recover(Stages.call(() -> tiers.journal.writeJournaled(change)),
                error -> Outages.isMissing(error) && !(change instanceof SessionChange.Create)
                        ? support.rewarm(ref, error).thenCompose(warmed -> tiers.journal.writeJournaled(change))
                        : CompletableFuture.failedFuture(error)).toCompletableFuture();
        return toHot.handle((done, error) -> null).thenCompose(answered -> {
            Throwable hotError = WriteSupport.failure(toHot);
            if (hotError != null && Outages.isOutage(hotError)) {
                support.noteHotMiss(ref, hotError);
                return unjournaled(change);
            }
            if (hotError != null) {
                return CompletableFuture.failedFuture(hotError);
            }
            Journaled<T> hot = toHot.join();
            if (tiers.fallback != null) {
                Stages.call(() -> change.applyTo(tiers.fallback)); // this process's copy; the durable tier is the record
            }
            if (hot.entry() == null) {
                return support.done(hot.value(), tiers.hot.name(), false, "write");
            }
            CompletableFuture<T> toDurable = changes.deliver(change, hot);
            if (change instanceof SessionChange.Create create && create.session().equals(hot.value())) {
                toDurable.thenAccept(stored -> {
                    if (stored instanceof Session durable
                            && durable.createdAt().toEpochMilli() != create.session().createdAt().toEpochMilli()) {
                        // The hot tier made a new session (its copy had expired) while the durable tier had an
                        // older one: the hot copy is not it. A hot copy that existed already is never dropped, nor
                        // one the durable tier got from the journal (same creation, to the millisecond every tier
                        // keeps) before this open reached it.
                        rebuildHot(ref);
                    }
                });
            }
            boolean waits = settings.writeMode() == WriteMode.WRITE_THROUGH || change instanceof SessionChange.Create;
            if (!waits) {
                return support.done(hot.value(), tiers.hot.name(), false, "write");
            }
            CompletableFuture<Optional<T>> bounded = toDurable.thenApply(Optional::ofNullable)
                    .completeOnTimeout(null, settings.durableDeadline().toNanos(), TimeUnit.NANOSECONDS)
                    .exceptionally(error -> null);
            return bounded.thenCompose(durable -> {
                if (durable == null) {
                    return support.done(hot.value(), tiers.hot.name(), true, "write");
                }
                T value = change instanceof SessionChange.Create && durable.isPresent() ? durable.get() : hot.value();
                return support.done(value, tiers.durable.name(), false, "write");
            });
        });
    }

    /** Drops the hot copy of a session and warms it again from the durable tier, in the background. */
    private void rebuildHot(SessionRef ref) {
        CompletionStage<Boolean> reset = tiers.hotReset == null ? CompletableFuture.completedFuture(false)
                : Stages.call(() -> tiers.hotReset.reset(ref));
        reset.whenComplete((done, error) -> warmer.warmHotLater(ref));
    }

    /** @return whether session changes and purges go through the hot tier's journal */
    boolean journals() {
        return changes != null;
    }

    /** A session change without the hot tier's journal: see {@link #write(SessionChange)}. */
    @SuppressWarnings("unchecked")
    private <T> CompletionStage<Served<T>> unjournaled(SessionChange<T> change) {
        if (change instanceof SessionChange.Create create) {
            return (CompletionStage<Served<T>>) (CompletionStage<?>) createSession(create.session());
        }
        if (change instanceof SessionChange.End end) {
            return (CompletionStage<Served<T>>) (CompletionStage<?>) endSession(end.ref(), end.end());
        }
        return writeEverywhere(change.ref(), change::applyTo);
    }

    /** Runs a session write on every tier, in order with the session's other writes to the durable tier. */
    <T> CompletionStage<Served<T>> writeEverywhere(SessionRef ref, Function<MemoryStore, CompletionStage<T>> write) {
        CompletableFuture<T> toHot = tiers.hot == null ? null : Stages.call(() -> write.apply(tiers.hot)).toCompletableFuture();
        CompletableFuture<T> toFallback = tiers.fallback == null ? null
                : Stages.call(() -> write.apply(tiers.fallback)).toCompletableFuture();
        CompletableFuture<T> toDurable = tiers.durable == null ? null : sessionWrites.write(ref, write);
        return acknowledge("write", ref, toDurable, toHot, toFallback);
    }

    /**
     * Ends a session: the hot tier first, so it takes no more appends, then the durable tier once
     * every message of the session that waits for it is committed. The hot tier's claim is the
     * answer when it gave one: it is atomic and every process sees it, so of concurrent ends from
     * any processes exactly one is told it ended the session; the durable tier's end follows it.
     */
    private CompletionStage<Served<Boolean>> endSession(SessionRef ref, SessionEnd end) {
        if (tiers.hot == null || tiers.durable == null) {
            return writeEverywhere(ref, tier -> drain == null ? tier.endSession(ref, end)
                    : drain.drainSession(ref).thenCompose(drained -> tier.endSession(ref, end)));
        }
        CompletableFuture<Boolean> toHot = Stages.call(() -> tiers.hot.endSession(ref, end)).toCompletableFuture();
        return toHot.handle((ended, error) -> null).thenCompose(hotDone -> {
            CompletableFuture<Boolean> toFallback = tiers.fallback == null ? null
                    : Stages.call(() -> tiers.fallback.endSession(ref, end)).toCompletableFuture();
            CompletableFuture<Boolean> toDurable = sessionWrites.write(ref, tier -> drain.drainSession(ref)
                    .thenCompose(drained -> tier.endSession(ref, end)));
            Throwable hotError = WriteSupport.failure(toHot);
            if (hotError != null && !Outages.isOutage(hotError) && !Outages.isMissing(hotError)) {
                return CompletableFuture.failedFuture(hotError);
            }
            if (hotError != null) {
                return acknowledge("endSession", ref, toDurable, toHot, toFallback);
            }
            return toDurable.handle((ended, error) -> null).thenCompose(durableDone -> {
                return support.done(toHot.join(), tiers.hot.name(), WriteSupport.failure(toDurable) != null, "endSession");
            });
        });
    }

    /** Creates a session unless it exists; a tier that lost an existing session gets it back. */
    private CompletionStage<Served<Session>> createSession(Session session) {
        SessionRef ref = session.ref();
        if (tiers.durable == null) {
            return writeEverywhere(ref, tier -> tier.createSession(session));
        }
        // With a journal, a create the durable tier missed is redone by the flusher before the session's first commit.
        return sessionWrites.write(ref, tier -> tier.createSession(session)).handle((stored, error) -> {
            if (error != null && Outages.isOutage(error)) {
                return mirrors(session).thenApply(served -> new Served<>(served.value(), served.tier(), true));
            }
            if (error != null) {
                return CompletableFuture.<Served<Session>>failedFuture(error);
            }
            // A tier that lost an existing session (expired, restarted) gets its window back, not an empty copy.
            List<CompletableFuture<Void>> copies = new ArrayList<>();
            for (MemoryStore mirror : Tiers.present(tiers.hot, tiers.fallback)) {
                copies.add(Stages.call(() -> stored.equals(session) ? mirror.createSession(session).thenApply(s -> (Void) null)
                        : mirror.getSession(ref).thenCompose(found -> found.isPresent()
                                ? CompletableFuture.<Void>completedFuture(null) : warmer.warm(mirror, ref))).toCompletableFuture());
            }
            return CompletableFuture.allOf(copies.toArray(CompletableFuture[]::new)).handle((ignored, copyError) -> {
                Throwable hotError = tiers.hot == null ? null : WriteSupport.failure(copies.get(0));
                boolean hotMissedIt = hotError != null && support.noteHotMiss(ref, hotError);
                return new Served<>(stored, tiers.durable.name(), hotMissedIt);
            });
        }).thenCompose(Function.identity());
    }

    /**
     * Purges a session, or every session of a user ({@code ref} null), when the hot tier keeps a
     * journal ({@link #journals()}). The purge is final at once, whether or not the durable tier answers: the hot tier clears the
     * session and its journal, keeps a tombstone, and records the purge, which the durable tier gets
     * now or, when it is out, from whichever process's maintenance finds it first
     * ({@link JournalDrain#applyPurges}).
     *
     * @return how many sessions were purged: the durable tier's count when it answered within
     *         {@link MnemoConfig#durableDeadline()}, else the hot tier's (degraded)
     */
    CompletionStage<Served<Integer>> purge(String namespace, SessionRef ref, String userId) {
        Function<MemoryStore, CompletionStage<Integer>> local = tier -> ref != null
                ? tier.deleteSession(ref).thenApply(existed -> existed ? 1 : 0) : tier.deleteUser(namespace, userId);
        CompletableFuture<DurableJournal.Purged> toHot = Stages.call(() -> ref != null ? tiers.journal.purge(ref, null)
                : tiers.journal.purgeUser(namespace, userId)).toCompletableFuture();
        if (tiers.fallback != null) {
            Stages.call(() -> local.apply(tiers.fallback));
        }
        return toHot.thenCompose(purged -> {
            CompletableFuture<Optional<Integer>> durable = drain.applyPurge(purged.purge()).toCompletableFuture()
                    .thenApply(Optional::of)
                    .completeOnTimeout(null, settings.durableDeadline().toNanos(), TimeUnit.NANOSECONDS)
                    .exceptionally(error -> null);
            return durable.thenCompose(count -> count == null
                    ? support.done(purged.sessions(), tiers.hot.name(), true, "purge")
                    : support.done(Math.max(count.get(), purged.sessions()), tiers.durable.name(), false, "purge"));
        });
    }

    /** Creates the session in the hot tier and the fallback while the durable tier is out. */
    private CompletionStage<Served<Session>> mirrors(Session session) {
        CompletableFuture<Session> toHot = tiers.hot == null ? null
                : Stages.call(() -> tiers.hot.createSession(session)).toCompletableFuture();
        CompletableFuture<Session> toFallback = tiers.fallback == null ? null
                : Stages.call(() -> tiers.fallback.createSession(session)).toCompletableFuture();
        return acknowledge("createSession", session.ref(), null, toHot, toFallback);
    }

    /**
     * Answers a write from the durable tier when there is one and it took the write; while it is
     * out (the write stays queued for replay) from the first mirror that took it, degraded.
     */
    private <T> CompletionStage<Served<T>> acknowledge(String operation, SessionRef ref, CompletableFuture<T> toDurable,
                                                       CompletableFuture<T> toHot, CompletableFuture<T> toFallback) {
        List<CompletableFuture<T>> all = Stream.of(toDurable, toHot, toFallback).filter(Objects::nonNull).toList();
        return CompletableFuture.allOf(all.stream().map(f -> f.exceptionally(e -> null)).toArray(CompletableFuture[]::new))
                .thenCompose(ignored -> {
                    Throwable hotError = toHot == null ? null : WriteSupport.failure(toHot);
                    boolean hotOut = hotError != null && support.noteHotMiss(ref, hotError);
                    if (toDurable != null && WriteSupport.failure(toDurable) == null) {
                        return support.done(toDurable.join(), tiers.durable.name(), hotOut, operation);
                    }
                    Throwable durableError = toDurable == null ? null : WriteSupport.failure(toDurable);
                    if (durableError != null && !Outages.isOutage(durableError)) {
                        return CompletableFuture.failedFuture(durableError);
                    }
                    boolean degraded = durableError != null || hotOut;
                    if (toHot != null && hotError == null) {
                        return support.done(toHot.join(), tiers.hot.name(), degraded, operation);
                    }
                    if (toFallback != null && WriteSupport.failure(toFallback) == null) {
                        return support.done(toFallback.join(), tiers.fallback.name(), toDurable != null || toHot != null, operation);
                    }
                    Throwable error = durableError != null ? durableError : toHot != null ? hotError : WriteSupport.failure(toFallback);
                    return CompletableFuture.failedFuture(error);
                });
    }
}
