package dev.mnemo.analytics.internal;

import dev.mnemo.analytics.AnalyticsConfig;
import dev.mnemo.spi.support.Stages;
import dev.mnemo.spi.AnalyticsBatch;
import dev.mnemo.spi.AnalyticsBuffer;
import dev.mnemo.spi.AnalyticsSink;
import dev.mnemo.spi.SessionAccess;
import dev.mnemo.spi.SessionRef;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a session's batch to the sink, then drops its buffer. The session is held in the buffer's
 * schedule (a lease) while this process works on it; a failed attempt is retried in this process
 * with a doubling backoff, and the schedule is moved past that retry, so should this process die,
 * a sweep of any process takes the session up once the lease ends. A retry may repeat a write whose
 * outcome was unknown: the sink, idempotent by batch id, changes nothing the second time.
 */
public final class Flusher {

    private static final Logger LOG = LoggerFactory.getLogger(Flusher.class);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private final SessionAccess access;
    private final AnalyticsBuffer buffer;
    private final AnalyticsSink sink;
    private final AnalyticsConfig config;
    private final Clock clock;
    private final Counters counters;
    private final ScheduledExecutorService scheduler;
    private final Set<CompletableFuture<Void>> inFlight = ConcurrentHashMap.newKeySet();

    /**
     * @param mnemo     where the session is read
     * @param buffer    where its answers wait
     * @param sink      where its batch goes
     * @param config    lease, backoff and sink timeout
     * @param clock     the clock of schedules
     * @param counters  where outcomes are counted
     * @param scheduler runs the retries
     */
    public Flusher(SessionAccess access, AnalyticsBuffer buffer, AnalyticsSink sink, AnalyticsConfig config, Clock clock,
                   Counters counters, ScheduledExecutorService scheduler) {
        this.access = access;
        this.buffer = buffer;
        this.sink = sink;
        this.config = config;
        this.clock = clock;
        this.counters = counters;
        this.scheduler = scheduler;
    }

    /**
     * Holds the session for this process and starts writing its batch in the background.
     *
     * @param endedAt when it ended, or {@code null} to take it from the session
     * @return completes once the session is held in the schedule, so that no crash can lose its batch
     */
    public CompletionStage<Void> start(SessionRef ref, AnalyticsBatch.Reason reason, Instant endedAt) {
        return Stages.call(() -> buffer.schedule(ref, clock.instant().plus(config.lease()))).handle((held, error) -> {
            if (error != null) {
                LOG.warn("Analytics of session {} not held in the buffer ({}); this process writes them, and should it die"
                        + " first they wait for the session's idle timeout", ref, Stages.unwrap(error).toString());
            }
            attempt(ref, reason, endedAt, 1);
            return null;
        });
    }

    /** Waits up to a few seconds for the writes in flight; retries not yet due are left to the schedule. */
    public void close() {
        CompletableFuture<?>[] running = inFlight.toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(running).get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            LOG.warn("Analytics closed with {} batch writes unfinished; the buffer's schedule keeps them", inFlight.size());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void attempt(SessionRef ref, AnalyticsBatch.Reason reason, Instant endedAt, int attempt) {
        CompletableFuture<Void> write = Stages.call(() -> flush(ref, reason, endedAt)).toCompletableFuture();
        inFlight.add(write);
        write.whenComplete((done, error) -> {
            inFlight.remove(write);
            if (error != null) {
                retry(ref, reason, endedAt, attempt, Stages.unwrap(error));
            }
        });
    }

    private CompletionStage<Void> flush(SessionRef ref, AnalyticsBatch.Reason reason, Instant endedAt) {
        var session = access.getSession(ref.id()).toCompletableFuture();
        var buffered = buffer.read(ref).toCompletableFuture();
        return session.thenCombine(buffered, (found, held) -> Batches.assemble(ref, reason, endedAt, found, held))
                .thenCompose(batch -> batch.isEmpty() ? discard(ref, "nothing is known of it") : write(batch.get()));
    }

    private CompletionStage<Void> write(AnalyticsBatch batch) {
        SessionRef ref = batch.session();
        CompletionStage<Optional<Instant>> purged = batch.userId() == null
                ? CompletableFuture.completedFuture(Optional.empty()) : buffer.forgottenAt(ref.namespace(), batch.userId());
        return purged.thenCompose(at -> {
            if (at.isPresent() && !batch.startedAt().isAfter(at.get())) {
                return discard(ref, "its user was purged");
            }
            return Stages.call(() -> sink.write(batch)).toCompletableFuture()
                    .orTimeout(config.sinkTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    .thenCompose(wrote -> {
                        (wrote ? counters.batchesWritten : counters.batchesAlreadyWritten).increment();
                        if (wrote && batch.reason() == AnalyticsBatch.Reason.EXPIRED) {
                            counters.sessionsExpired.increment();
                        }
                        LOG.debug("Analytics batch {} of {} {} sink '{}'", batch.id(), ref,
                                wrote ? "written to" : "already in", sink.name());
                        return buffer.remove(ref);
                    });
        });
    }

    private CompletionStage<Void> discard(SessionRef ref, String why) {
        counters.batchesDiscarded.increment();
        LOG.info("Analytics of session {} not written: {}", ref, why);
        return buffer.remove(ref);
    }

    private void retry(SessionRef ref, AnalyticsBatch.Reason reason, Instant endedAt, int attempt, Throwable error) {
        counters.flushFailures.increment();
        long factor = 1L << Math.min(attempt - 1, 30);
        Duration backoff = config.retryBackoff().multipliedBy(factor);
        backoff = backoff.compareTo(config.maxRetryBackoff()) > 0 ? config.maxRetryBackoff() : backoff;
        LOG.warn("Analytics batch of session {} not written (attempt {}), retried in {}: {}", ref, attempt, backoff,
                error.toString());
        // Held past the retry, so that no sweep competes with it while this process lives.
        Instant heldUntil = clock.instant().plus(backoff).plus(config.lease());
        Stages.call(() -> buffer.schedule(ref, heldUntil));
        try {
            counters.retriesPending.incrementAndGet();
            scheduler.schedule(() -> {
                counters.retriesPending.decrementAndGet();
                attempt(ref, reason, endedAt, attempt + 1);
            }, backoff.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            counters.retriesPending.decrementAndGet();
            LOG.info("Analytics closing: the batch of session {} waits in the buffer for a sweep", ref);
        }
    }
}
