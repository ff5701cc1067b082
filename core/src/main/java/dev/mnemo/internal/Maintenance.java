package dev.mnemo.internal;

import dev.mnemo.spi.MemoryStore;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The router's background run, every flush interval: resumes and pumps the flusher once the
 * durable tier's breaker has closed, replays queued session writes, drains journals no process
 * holds, re-warms sessions the hot tier missed, and probes half-open breakers with a health check,
 * the cheapest call each tier has, so a large commit is never the probe.
 */
final class Maintenance implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(Maintenance.class);

    private final Tiers tiers;
    private final DurableFlusher flusher;
    private final JournalDrain drain;
    private final SessionWrites sessionWrites;
    private final Warmer warmer;
    private final RouterMetrics metrics;

    Maintenance(Tiers tiers, DurableFlusher flusher, JournalDrain drain, SessionWrites sessionWrites, Warmer warmer,
                RouterMetrics metrics) {
        this.tiers = tiers;
        this.flusher = flusher;
        this.drain = drain;
        this.sessionWrites = sessionWrites;
        this.warmer = warmer;
        this.metrics = metrics;
    }

    @Override
    public void run() {
        try {
            if (flusher != null) {
                boolean durableUp = Tiers.closed(tiers.durable);
                if (durableUp && flusher.isPaused()) {
                    flusher.resume();
                }
                flusher.pump();
                drain.run(durableUp);
                if (Tiers.callable(tiers.durable)) {
                    sessionWrites.drainAll();
                }
            }
            if (warmer != null && tiers.hot != null && Tiers.callable(tiers.hot)) {
                warmer.rewarmMissed();
            }
            for (MemoryStore tier : tiers.recordOrder) {
                if (tier instanceof ResilientStore resilient
                        && resilient.breaker().getState() == CircuitBreaker.State.HALF_OPEN) {
                    tier.health(); // a probe: its outcome closes or reopens the breaker
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Mnemo maintenance failed; it runs again shortly", e);
            metrics.backgroundFailure("maintenance");
        }
    }
}
