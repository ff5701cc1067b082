package dev.mnemo.summary.internal;

import dev.mnemo.AppendResult;
import dev.mnemo.Message;
import dev.mnemo.MnemoException;
import dev.mnemo.Summary;
import dev.mnemo.spi.support.Stages;
import dev.mnemo.spi.SessionRef;
import dev.mnemo.spi.Summarizer;
import dev.mnemo.spi.TokenCounter;
import dev.mnemo.summary.SummaryConfig;
import dev.mnemo.summary.SummaryStats;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link Summarizer} off the append path, on an executor of its own.
 *
 * <p>A run reads the summary, the kept recent messages and one page after {@code coversUpTo};
 * asks the summarizer for the previous summary plus that page; and stores the result by
 * compare-and-set on the version it read. Appends never touch the summary and the summary never
 * touches messages, so an append racing with a run loses nothing: what the run did not cover
 * stays after {@code coversUpTo}. A run that loses the compare-and-set to another summarizer
 * (another process, or {@link #summarizeNow}) re-reads and goes on from the winner's summary,
 * up to {@value #MAX_CONFLICTS} times; then it gives up and a later trigger covers the rest.
 *
 * <p>In one process, runs of one session never overlap: a trigger during a run asks for one more
 * run after it. Failures are logged, counted and never reach the append that triggered them.
 */
public final class RollingSummaries implements AutoCloseable {

    /** Compare-and-set attempts a run may lose before it gives up. */
    static final int MAX_CONFLICTS = 3;

    private static final Logger LOG = LoggerFactory.getLogger(RollingSummaries.class);
    private static final long CLOSE_WAIT_SECONDS = 5;
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final SummaryConfig config;
    private final Summarizer summarizer;
    private final SummaryAccess tiers;
    private final TokenCounter counter;
    private final ExecutorService executor;
    /** Sessions with a run in flight, each with whether another run was asked for meanwhile. */
    private final ConcurrentMap<SessionRef, Boolean> running = new ConcurrentHashMap<>();
    private final LongAdder stored = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder conflicts = new LongAdder();
    private volatile boolean closed;

    /**
     * @param config     when and how runs go
     * @param summarizer the summarizer, or {@code null} for none: triggers do nothing
     * @param tiers      where summaries and messages are read and written
     * @param counter    counts each new summary's tokens
     */
    public RollingSummaries(SummaryConfig config, Summarizer summarizer, SummaryAccess tiers, TokenCounter counter) {
        this.config = config;
        this.summarizer = summarizer;
        this.tiers = tiers;
        this.counter = counter;
        this.executor = summarizer == null ? null : Executors.newFixedThreadPool(config.threads(), daemonThreads());
    }

    /** Starts a run for {@code ref} when {@code appended} crossed a trigger; returns at once, never throws. */
    public void afterAppend(SessionRef ref, AppendResult appended) {
        if (summarizer == null || closed || appended.appended() == 0) {
            return;
        }
        long tokens = appended.messages().stream().mapToLong(Message::tokens).sum();
        if (crossed(appended.messageCount() - appended.appended(), appended.messageCount(), config.everyMessages())
                || crossed(appended.tokenCount() - tokens, appended.tokenCount(), config.everyTokens())) {
            schedule(ref);
        }
    }

    /**
     * Runs now, whatever the triggers, and waits for nothing else.
     *
     * @return the session's summary after the run; fails when the run fails or no summarizer is set
     */
    public CompletionStage<Optional<Summary>> summarizeNow(SessionRef ref) {
        if (summarizer == null) {
            return CompletableFuture.failedFuture(new MnemoException("No summarizer is set: see Mnemo.Builder.summarizer"));
        }
        return Stages.call(() -> start(ref));
    }

    /** @return what the runs have done so far */
    public SummaryStats stats() {
        return new SummaryStats(stored.sum(), failed.sum(), conflicts.sum());
    }

    /** Stops taking triggers and shuts the executor down, waiting up to 5 s for queued runs. */
    @Override
    public void close() {
        closed = true;
        if (executor == null) {
            return;
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static boolean crossed(long before, long after, long every) {
        return every > 0 && Math.floorDiv(before, every) != Math.floorDiv(after, every);
    }

    private void schedule(SessionRef ref) {
        boolean[] start = {false};
        running.compute(ref, (key, again) -> {
            start[0] = again == null;
            return again != null;
        });
        if (start[0]) {
            launch(ref);
        }
    }

    private void launch(SessionRef ref) {
        try {
            start(ref).whenComplete((summary, error) -> finished(ref));
        } catch (RejectedExecutionException e) {
            running.remove(ref); // closed meanwhile
        }
    }

    /** @throws RejectedExecutionException once closed */
    private CompletableFuture<Optional<Summary>> start(SessionRef ref) {
        return CompletableFuture.supplyAsync(() -> run(ref, 0), executor).thenCompose(Function.identity())
                .whenComplete((summary, error) -> {
                    if (error != null) {
                        failed(ref, error);
                    }
                });
    }

    private void finished(SessionRef ref) {
        boolean[] again = {false};
        running.compute(ref, (key, requested) -> {
            again[0] = Boolean.TRUE.equals(requested) && !closed;
            return again[0] ? Boolean.FALSE : null;
        });
        if (again[0]) {
            launch(ref);
        }
    }

    /** One step: plan a page, summarize it, store it; goes on while pages remain or a lost race allows. */
    private CompletionStage<Optional<Summary>> run(SessionRef ref, int lost) {
        CompletableFuture<Optional<Summary>> current = fetch(tiers.summary(ref));
        CompletableFuture<List<Message>> kept = config.keepRecent() == 0 ? CompletableFuture.completedFuture(List.of())
                : fetch(tiers.lastMessages(ref, config.keepRecent()));
        return current.thenCombine(kept, Snapshot::new).thenCompose(snapshot -> {
            if (snapshot.kept().size() < config.keepRecent()) {
                return CompletableFuture.completedFuture(snapshot.summary()); // too short to summarize yet
            }
            UUID after = snapshot.summary().map(Summary::coversUpTo).orElse(null);
            return fetch(tiers.messagesAfter(ref, after, config.pageSize() + 1)).thenCompose(page -> {
                Coverage coverage = Coverage.plan(page, snapshot.kept(), config.pageSize());
                return coverage.covered().isEmpty() ? CompletableFuture.completedFuture(snapshot.summary())
                        : summarizeAndStore(ref, snapshot.summary(), coverage, lost);
            });
        });
    }

    private CompletionStage<Optional<Summary>> summarizeAndStore(SessionRef ref, Optional<Summary> previous,
                                                                 Coverage coverage, int lost) {
        List<Message> covered = coverage.covered();
        long version = previous.map(Summary::version).orElse(0L);
        return CompletableFuture.supplyAsync(() -> summarizer.summarize(previous, covered), executor)
                .thenCompose(Function.identity())
                .thenCompose(text -> {
                    if (text == null || text.isBlank()) {
                        throw new MnemoException("The summarizer returned no text for session " + ref);
                    }
                    Summary next = new Summary(text, covered.get(covered.size() - 1).id(), counter.count(text),
                            version + 1);
                    return tiers.compareAndSetSummary(ref, version, next)
                            .thenCompose(swapped -> afterStore(ref, next, swapped, coverage.more(), lost));
                });
    }

    private CompletionStage<Optional<Summary>> afterStore(SessionRef ref, Summary next, boolean swapped, boolean more,
                                                          int lost) {
        if (swapped) {
            stored.increment();
            return more ? run(ref, lost) : CompletableFuture.completedFuture(Optional.of(next));
        }
        conflicts.increment();
        if (lost + 1 < MAX_CONFLICTS) {
            return run(ref, lost + 1); // re-read: go on from the summary that won
        }
        LOG.debug("Rolling summary of session {} gave up after {} lost compare-and-sets", ref, MAX_CONFLICTS);
        return fetch(tiers.summary(ref));
    }

    /** What a step reads before it plans: the current summary and the messages kept out of any summary. */
    private record Snapshot(Optional<Summary> summary, List<Message> kept) {
    }

    private void failed(SessionRef ref, Throwable error) {
        failed.increment();
        if (closed) {
            LOG.debug("Rolling summary of session {} stopped by close: {}", ref, Stages.unwrap(error).toString());
        } else {
            LOG.warn("Rolling summary of session {} failed; a later trigger retries", ref, Stages.unwrap(error));
        }
    }

    private static <T> CompletableFuture<T> fetch(CompletionStage<T> stage) {
        return stage.toCompletableFuture();
    }

    private static ThreadFactory daemonThreads() {
        int instance = INSTANCES.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "mnemo-summary-" + instance + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
