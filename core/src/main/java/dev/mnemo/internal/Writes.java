package dev.mnemo.internal;

import dev.mnemo.spi.support.Stages;
import dev.mnemo.Message;
import dev.mnemo.MnemoConfig;
import dev.mnemo.Served;
import dev.mnemo.Session;
import dev.mnemo.SessionEnd;
import dev.mnemo.WriteMode;
import dev.mnemo.spi.AppendOutcome;
import dev.mnemo.spi.BatchWriter;
import dev.mnemo.spi.DurableJournal;
import dev.mnemo.spi.DurableJournal.Journaled;
import dev.mnemo.spi.MemoryStore;
import dev.mnemo.spi.SessionChange;
import dev.mnemo.spi.SessionRef;
import dev.mnemo.spi.Window;
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
 * Writes and their acknowledgement. An append is checked against the durable tier's limits, then
 * written to the hot tier, which journals it for the durable tier in the same step, then to the
 * fallback, then handed to the {@link DurableFlusher}. Write-behind acknowledges once the hot
 * tier has it (journaled, when it keeps a journal; else held by this process, bounded), and waits as
 * write-through does while the hot tier is out. Write-through waits for the durable commit, for at most
 * {@link MnemoConfig#durableDeadline()} when the journal holds the messages (then the answer is
 * degraded and the journal delivers them), and without a deadline otherwise, until the commit or an
 * outage. Other session writes go to every tier, to the durable one through {@link SessionWrites}.
 */
final class Writes {

    /** What the hot tier answered: the append's outcome, and for a turn the window it read after it. */
    private record HotAnswer(AppendOutcome outcome, @Nullable Window window) {
    }

    private final Tiers tiers;
    private final MnemoConfig settings;
    private final Warmer warmer;
    private final BatchWriter writer;
    private final DurableFlusher flusher;
    private final SessionWrites sessionWrites;
    private final JournalDrain drain;
    private final JournaledChanges changes;
    private final Tombstones tombstones;
    private final RouterMetrics metrics;

    Writes(Tiers tiers, MnemoConfig settings, Warmer warmer, BatchWriter writer, DurableFlusher flusher,
           SessionWrites sessionWrites, JournalDrain drain, JournaledChanges changes, Tombstones tombstones,
           RouterMetrics metrics) {
        this.tombstones = tombstones;
        this.changes = changes;
        this.tiers = tiers;
        this.settings = settings;
        this.warmer = warmer;
        this.writer = writer;
        this.flusher = flusher;
        this.sessionWrites = sessionWrites;
        this.drain = drain;
        this.metrics = metrics;
    }

    /** A window the hot tier reads right after a turn's append, in the same round trip. */
    record WindowRead(int k, boolean withState) {
    }

    /**
     * What a write of messages answers.
     *
     * @param outcome what was stored, acknowledged as the write mode says
     * @param window  the window the hot tier read after it, for a turn; {@code null} for an append,
     *                or when the hot tier did not take the turn
     */
    record Appended(Served<AppendOutcome> outcome, @Nullable Window window) {
    }

    /** Appends messages whose tokens are counted; see the class comment. */
    CompletionStage<Served<AppendOutcome>> append(SessionRef ref, List<Message> messages) {
        return write(ref, messages, null).thenApply(Appended::outcome);
    }

    /** Appends as {@link #append} does, and has the hot tier read {@code read} after it in the same round trip. */
    CompletionStage<Appended> turn(SessionRef ref, List<Message> messages, WindowRead read) {
        return write(ref, messages, read);
    }

    private CompletionStage<Appended> write(SessionRef ref, List<Message> messages, @Nullable WindowRead read) {
        return Stages.call(() -> {
            long[] weights = new long[messages.size()];
            for (int i = 0; writer != null && i < weights.length; i++) {
                weights[i] = writer.weigh(ref, messages.get(i)); // refused before anything is stored
            }
            boolean journaling = tiers.journal != null;
            CompletableFuture<HotAnswer> hotAnswer = tiers.hot == null ? null : hotAppend(ref, messages, journaling, read);
            CompletableFuture<AppendOutcome> toHot = hotAnswer == null ? null : hotAnswer.thenApply(HotAnswer::outcome);
            CompletableFuture<Void> hotAnswered = toHot == null ? CompletableFuture.completedFuture(null)
                    : toHot.handle((outcome, error) -> null);
            return hotAnswered.thenCompose(answered -> {
                Throwable hotError = toHot == null ? null : failure(toHot);
                if (hotError != null && !Outages.isOutage(hotError)) {
                    return CompletableFuture.failedFuture(hotError); // the session ended, the journal is full...
                }
                boolean hotOut = hotError != null && noteHotMiss(ref, hotError);
                boolean journaled = journaling && toHot != null && hotError == null;
                Optional<CompletableFuture<DurableCommit>> toDurable = flusher == null ? Optional.empty()
                        : flusher.submit(ref, messages, weights, journaled);
                CompletableFuture<AppendOutcome> toFallback = tiers.fallback == null ? null
                        : Stages.call(() -> tiers.fallback.append(ref, messages)).toCompletableFuture();
                Window window = hotAnswer == null || hotError != null ? null : hotAnswer.join().window();
                return acknowledge(toHot, hotOut, journaled, toDurable, toFallback)
                        .thenApply(outcome -> new Appended(outcome, window));
            });
        });
    }

    private CompletionStage<Served<AppendOutcome>> acknowledge(CompletableFuture<AppendOutcome> toHot, boolean hotOut,
                                                               boolean journaled,
                                                               Optional<CompletableFuture<DurableCommit>> toDurable,
                                                               CompletableFuture<AppendOutcome> toFallback) {
        CompletableFuture<Void> fallbackAnswered = toFallback == null ? CompletableFuture.completedFuture(null)
                : toFallback.handle((outcome, error) -> null);
        if (flusher == null) {
            return fallbackAnswered.thenCompose(done -> firstOf("append", hotOut, toHot, toFallback, null));
        }
        boolean behind = settings.writeMode() == WriteMode.WRITE_BEHIND && toHot != null && !hotOut;
        if (toDurable.isEmpty() || behind || (journaled && !Tiers.closed(tiers.durable))) {
            // The hot tier has it (and its journal, when it keeps one): write-behind's answer, or the
            // durable tier is behind or out.
            boolean degraded = toDurable.isEmpty() || !behind;
            return fallbackAnswered.thenCompose(done -> firstOf("append", degraded || hotOut, toHot, toFallback, null));
        }
        CompletableFuture<DurableCommit> commit = toDurable.get().copy();
        if (journaled) {
            commit.completeOnTimeout(null, settings.durableDeadline().toNanos(), TimeUnit.NANOSECONDS);
        }
        return fallbackAnswered.thenCombine(commit.handle((committed, error) -> committed), (done, committed) -> committed)
                .thenCompose(committed -> {
                    if (committed != null) {
                        AppendOutcome outcome = new AppendOutcome(committed.appended(), committed.messageCount(),
                                committed.tokenCount());
                        return done(outcome, tiers.durable.name(), hotOut, "append");
                    }
                    Throwable durableError = failure(toDurable.get());
                    return firstOf("append", true, toHot, toFallback, durableError);
                });
    }

    /** @return the answer of the hot tier, else the fallback's, else a failure with {@code error} or theirs */
    private CompletionStage<Served<AppendOutcome>> firstOf(String operation, boolean degraded,
                                                           CompletableFuture<AppendOutcome> toHot,
                                                           CompletableFuture<AppendOutcome> toFallback, Throwable error) {
        if (toHot != null && failure(toHot) == null) {
            return done(toHot.join(), tiers.hot.name(), degraded, operation);
        }
        if (toFallback != null && failure(toFallback) == null) {
            return done(toFallback.join(), tiers.fallback.name(), degraded || toHot != null || tiers.durable != null,
                    operation);
        }
        Throwable cause = error != null ? error : toHot != null ? failure(toHot) : failure(toFallback);
        return CompletableFuture.failedFuture(cause);
    }

    /**
     * The hot append, journaled when there is a durable tier, and for a turn the window read after
     * it; a session the hot tier lost (expiry, restart) or holds corrupt is warmed from the durable
     * tier and appended again.
     */
    private CompletableFuture<HotAnswer> hotAppend(SessionRef ref, List<Message> messages, boolean journaled,
                                                   @Nullable WindowRead read) {
        Function<MemoryStore, CompletionStage<HotAnswer>> append = hot -> {
            if (read != null) {
                return (journaled ? tiers.journal.turnJournaled(ref, messages, read.k(), read.withState())
                        : hot.turn(ref, messages, read.k(), read.withState()))
                        .thenApply(turn -> new HotAnswer(turn.appended(), turn.window()));
            }
            return (journaled ? tiers.journal.appendJournaled(ref, messages) : hot.append(ref, messages))
                    .thenApply(outcome -> new HotAnswer(outcome, null));
        };
        return Reads.recover(Stages.call(() -> append.apply(tiers.hot)), error -> {
            if (Outages.isMissing(error) && warmer != null) {
                return rewarm(ref, error).thenCompose(ignored -> append.apply(tiers.hot));
            }
            if (Outages.isCorrupt(error) && warmer != null && tiers.hotReset != null) {
                return tiers.hotReset.reset(ref).thenCompose(reset -> warmer.warm(tiers.hot, ref))
                        .thenCompose(ignored -> append.apply(tiers.hot));
            }
            return CompletableFuture.failedFuture(error);
        }).toCompletableFuture();
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
                        ? rewarm(ref, error).thenCompose(warmed -> tiers.journal.writeJournaled(change))
                        : CompletableFuture.failedFuture(error)).toCompletableFuture();
        return toHot.handle((done, error) -> null).thenCompose(answered -> {
            Throwable hotError = failure(toHot);
            if (hotError != null && Outages.isOutage(hotError)) {
                noteHotMiss(ref, hotError);
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
                return done(hot.value(), tiers.hot.name(), false, "write");
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
                return done(hot.value(), tiers.hot.name(), false, "write");
            }
            CompletableFuture<Optional<T>> bounded = toDurable.thenApply(Optional::ofNullable)
                    .completeOnTimeout(null, settings.durableDeadline().toNanos(), TimeUnit.NANOSECONDS)
                    .exceptionally(error -> null);
            return bounded.thenCompose(durable -> {
                if (durable == null) {
                    return done(hot.value(), tiers.hot.name(), true, "write");
                }
                T value = change instanceof SessionChange.Create && durable.isPresent() ? durable.get() : hot.value();
                return done(value, tiers.durable.name(), false, "write");
            });
        });
    }

    /**
     * Warms a session the hot tier lacks ({@code missing} says so) from the durable tier, unless it
     * was purged: then the write fails with {@code missing}, and no copy brings it back.
     */
    private CompletionStage<Void> rewarm(SessionRef ref, Throwable missing) {
        return tombstones.purged(ref).thenCompose(purged -> purged ? CompletableFuture.<Void>failedFuture(missing)
                : warmer.warm(tiers.hot, ref));
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
            Throwable hotError = failure(toHot);
            if (hotError != null && !Outages.isOutage(hotError) && !Outages.isMissing(hotError)) {
                return CompletableFuture.failedFuture(hotError);
            }
            if (hotError != null) {
                return acknowledge("endSession", ref, toDurable, toHot, toFallback);
            }
            return toDurable.handle((ended, error) -> null).thenCompose(durableDone -> {
                return done(toHot.join(), tiers.hot.name(), failure(toDurable) != null, "endSession");
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
                Throwable hotError = tiers.hot == null ? null : failure(copies.get(0));
                boolean hotMissedIt = hotError != null && noteHotMiss(ref, hotError);
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
                    ? done(purged.sessions(), tiers.hot.name(), true, "purge")
                    : done(Math.max(count.get(), purged.sessions()), tiers.durable.name(), false, "purge"));
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
                    Throwable hotError = toHot == null ? null : failure(toHot);
                    boolean hotOut = hotError != null && noteHotMiss(ref, hotError);
                    if (toDurable != null && failure(toDurable) == null) {
                        return done(toDurable.join(), tiers.durable.name(), hotOut, operation);
                    }
                    Throwable durableError = toDurable == null ? null : failure(toDurable);
                    if (durableError != null && !Outages.isOutage(durableError)) {
                        return CompletableFuture.failedFuture(durableError);
                    }
                    boolean degraded = durableError != null || hotOut;
                    if (toHot != null && hotError == null) {
                        return done(toHot.join(), tiers.hot.name(), degraded, operation);
                    }
                    if (toFallback != null && failure(toFallback) == null) {
                        return done(toFallback.join(), tiers.fallback.name(), toDurable != null || toHot != null, operation);
                    }
                    Throwable error = durableError != null ? durableError : toHot != null ? hotError : failure(toFallback);
                    return CompletableFuture.failedFuture(error);
                });
    }

    private <T> CompletionStage<Served<T>> done(T value, String tier, boolean degraded, String operation) {
        if (degraded) {
            metrics.degraded(operation);
        }
        return CompletableFuture.completedFuture(new Served<>(value, tier, degraded));
    }

    /** @return whether the hot write failed for an outage; if so the session is re-warmed once the tier is back */
    private boolean noteHotMiss(SessionRef ref, Throwable error) {
        if (Outages.isOutage(error)) {
            if (warmer != null) {
                warmer.missed(ref); // without a durable tier there is nothing to re-warm from
            }
            return true;
        }
        return false;
    }

    static Throwable failure(CompletableFuture<?> future) {
        if (!future.isCompletedExceptionally()) {
            return null;
        }
        try {
            future.join();
            return null;
        } catch (RuntimeException e) {
            return Stages.unwrap(e);
        }
    }
}
