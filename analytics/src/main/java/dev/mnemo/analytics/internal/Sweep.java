package dev.mnemo.analytics.internal;

import dev.mnemo.Session;
import dev.mnemo.SessionEnd;
import dev.mnemo.SessionStatus;
import dev.mnemo.analytics.AnalyticsConfig;
import dev.mnemo.spi.support.Stages;
import dev.mnemo.spi.AnalyticsBatch;
import dev.mnemo.spi.AnalyticsBuffer;
import dev.mnemo.spi.SessionAccess;
import dev.mnemo.spi.SessionRef;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the sessions whose schedule is due and takes each with a lease, so that of the sweeps
 * of every process one looks at it. A due session is one of: still active (it is scheduled again
 * for its idle deadline), idle past its last activity, reads included (it is ended through
 * {@link dev.mnemo.spi.SessionAccess#endSession} with reason {@value SessionEnd#IDLE} by {@value SessionEnd#SWEEP},
 * whose atomic claim settles a race with an explicit end, and its batch written as expired), ended
 * but not yet written (a process died or a sink was down: its batch is written), or gone from every
 * tier (expired: its batch is written from the buffer).
 */
public final class Sweep {

    private static final Logger LOG = LoggerFactory.getLogger(Sweep.class);

    private final SessionAccess access;
    private final AnalyticsBuffer buffer;
    private final Flusher flusher;
    private final AnalyticsConfig config;
    private final Duration idleTimeout;
    private final Clock clock;
    private final Map<SessionRef, Instant> expiring = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean();

    /**
     * @param idleTimeout how long a session may be idle before it is ended
     */
    public Sweep(SessionAccess access, AnalyticsBuffer buffer, Flusher flusher, AnalyticsConfig config, Duration idleTimeout,
                 Clock clock) {
        this.access = access;
        this.buffer = buffer;
        this.flusher = flusher;
        this.config = config;
        this.idleTimeout = idleTimeout;
        this.clock = clock;
    }

    /**
     * Runs one sweep, unless one is running already.
     *
     * @return how many due sessions this sweep took; never fails
     */
    public CompletionStage<Integer> run() {
        if (!running.compareAndSet(false, true)) {
            return CompletableFuture.completedFuture(0);
        }
        Instant now = clock.instant();
        String namespace = access.namespace();
        return Stages.call(() -> buffer.due(namespace, now, config.sweepLimit())).thenCompose(ids -> {
            List<CompletableFuture<Integer>> taken = ids.stream().map(id -> {
                SessionRef ref = new SessionRef(namespace, id);
                return buffer.claim(ref, now, now.plus(config.lease())).thenCompose(claimed -> claimed
                        ? inspect(ref, now).thenApply(looked -> 1) : CompletableFuture.completedFuture(0))
                        .toCompletableFuture().exceptionally(error -> {
                            LOG.warn("Analytics sweep skipped session {}; its lease lets a later sweep retry: {}", ref,
                                    Stages.unwrap(error).toString());
                            return 0;
                        });
            }).toList();
            return CompletableFuture.allOf(taken.toArray(CompletableFuture[]::new))
                    .thenApply(all -> taken.stream().mapToInt(CompletableFuture::join).sum());
        }).handle((count, error) -> {
            running.set(false);
            if (error != null) {
                LOG.warn("Analytics sweep failed; the next one retries: {}", Stages.unwrap(error).toString());
                return 0;
            }
            return count;
        });
    }

    /**
     * @return the last activity of a session this sweep is ending for idling, which its batch
     *         gives as its end; {@code null} for a session a caller ended
     */
    public Instant expiring(SessionRef ref) {
        return expiring.remove(ref);
    }

    private CompletionStage<Void> inspect(SessionRef ref, Instant now) {
        return access.getSession(ref.id()).thenCompose(found -> {
            if (found.isEmpty()) {
                return flusher.start(ref, AnalyticsBatch.Reason.EXPIRED, null);
            }
            Session session = found.get();
            if (session.status() == SessionStatus.ENDED) {
                return flusher.start(ref, AnalyticsBatch.Reason.ENDED, null);
            }
            Instant idleAt = session.updatedAt().plus(idleTimeout);
            if (idleAt.isAfter(now)) {
                return buffer.schedule(ref, idleAt);
            }
            expiring.put(ref, session.updatedAt());
            // The end's listener call starts the batch, as expired: see expiring(ref).
            return access.endSession(ref.id(), new SessionEnd(SessionEnd.IDLE, SessionEnd.SWEEP)).handle((ended, error) -> {
                expiring.remove(ref);
                if (error != null) {
                    LOG.warn("Analytics sweep could not end idle session {}; a later sweep retries: {}", ref,
                            Stages.unwrap(error).toString());
                }
                return null;
            });
        });
    }
}
