package dev.mnemo.internal;

import dev.mnemo.spi.support.Stages;
import dev.mnemo.Message;
import dev.mnemo.MnemoConfig;
import dev.mnemo.Served;
import dev.mnemo.WriteMode;
import dev.mnemo.spi.AppendOutcome;
import dev.mnemo.spi.BatchWriter;
import dev.mnemo.spi.MemoryStore;
import dev.mnemo.spi.SessionRef;
import dev.mnemo.spi.Window;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Appends and turns, and their acknowledgement. An append is checked against the durable tier's limits, then
 * written to the hot tier, which journals it for the durable tier in the same step, then to the
 * fallback, then handed to the {@link DurableFlusher}. Write-behind acknowledges once the hot
 * tier has it (journaled, when it keeps a journal; else held by this process, bounded), and waits as
 * write-through does while the hot tier is out. Write-through waits for the durable commit, for at most
 * {@link MnemoConfig#durableDeadline()} when the journal holds the messages (then the answer is
 * degraded and the journal delivers them), and without a deadline otherwise, until the commit or an
 * outage. Session changes and purges are {@link ChangeWrites}'.
 */
final class Writes {

    /** What the hot tier answered: the append's outcome, and for a turn the window it read after it. */
    private record HotAnswer(AppendOutcome outcome, @Nullable Window window) {
    }

    private final Tiers tiers;
    private final MnemoConfig settings;
    private final @Nullable Warmer warmer;
    private final @Nullable BatchWriter writer;
    private final @Nullable DurableFlusher flusher;
    private final WriteSupport support;

    Writes(Tiers tiers, MnemoConfig settings, @Nullable Warmer warmer, @Nullable BatchWriter writer,
           @Nullable DurableFlusher flusher, WriteSupport support) {
        this.tiers = tiers;
        this.settings = settings;
        this.warmer = warmer;
        this.writer = writer;
        this.flusher = flusher;
        this.support = support;
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
                Throwable hotError = toHot == null ? null : WriteSupport.failure(toHot);
                if (hotError != null && !Outages.isOutage(hotError)) {
                    return CompletableFuture.failedFuture(hotError); // the session ended, the journal is full...
                }
                boolean hotOut = hotError != null && support.noteHotMiss(ref, hotError);
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
                        return support.done(outcome, tiers.durable.name(), hotOut, "append");
                    }
                    Throwable durableError = WriteSupport.failure(toDurable.get());
                    return firstOf("append", true, toHot, toFallback, durableError);
                });
    }

    /** @return the answer of the hot tier, else the fallback's, else a failure with {@code error} or theirs */
    private CompletionStage<Served<AppendOutcome>> firstOf(String operation, boolean degraded,
                                                           CompletableFuture<AppendOutcome> toHot,
                                                           CompletableFuture<AppendOutcome> toFallback, Throwable error) {
        if (toHot != null && WriteSupport.failure(toHot) == null) {
            return support.done(toHot.join(), tiers.hot.name(), degraded, operation);
        }
        if (toFallback != null && WriteSupport.failure(toFallback) == null) {
            return support.done(toFallback.join(), tiers.fallback.name(), degraded || toHot != null || tiers.durable != null,
                    operation);
        }
        Throwable cause = error != null ? error : toHot != null ? WriteSupport.failure(toHot) : WriteSupport.failure(toFallback);
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
                return support.rewarm(ref, error).thenCompose(ignored -> append.apply(tiers.hot));
            }
            if (Outages.isCorrupt(error) && warmer != null && tiers.hotReset != null) {
                return tiers.hotReset.reset(ref).thenCompose(reset -> warmer.warm(tiers.hot, ref))
                        .thenCompose(ignored -> append.apply(tiers.hot));
            }
            return CompletableFuture.failedFuture(error);
        }).toCompletableFuture();
    }
}
