package dev.mnemo.internal;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.event.CircuitBreakerOnStateTransitionEvent;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs a tier's outages once per change, not once per attempt: one WARN when its breaker opens, one
 * INFO when it closes again, saying how long the outage lasted and how many calls went elsewhere
 * meanwhile (to another tier, or to the journal). The probes in between (open to half-open and back,
 * every {@code wait-in-open}) are DEBUG, so a long outage writes two lines, whatever its length.
 */
final class OutageLog {

    private static final Logger LOG = LoggerFactory.getLogger(OutageLog.class);

    private final String tier;
    private final AtomicLong skipped = new AtomicLong();
    private volatile long downSince;
    private volatile boolean down;

    private OutageLog(String tier) {
        this.tier = tier;
    }

    /** Starts logging the outages of {@code breaker}'s tier. */
    static void attach(String tier, CircuitBreaker breaker) {
        OutageLog log = new OutageLog(tier);
        breaker.getEventPublisher().onStateTransition(log::changed).onCallNotPermitted(event -> log.skipped.incrementAndGet())
                .onError(event -> {
                    if (log.down) {
                        log.skipped.incrementAndGet();
                    }
                });
    }

    private void changed(CircuitBreakerOnStateTransitionEvent event) {
        CircuitBreaker.State to = event.getStateTransition().getToState();
        if (!down && (to == CircuitBreaker.State.OPEN || to == CircuitBreaker.State.FORCED_OPEN)) {
            down = true;
            downSince = System.nanoTime();
            skipped.set(0);
            LOG.warn("Mnemo tier '{}' is down (its breaker opened): calls go to the other tiers and the journal until it"
                    + " answers again", tier);
        } else if (down && to == CircuitBreaker.State.CLOSED) {
            down = false;
            LOG.info("Mnemo tier '{}' is back after {} s; {} calls went to the other tiers or the journal meanwhile", tier,
                    Duration.ofNanos(System.nanoTime() - downSince).toSeconds(), skipped.get());
        } else {
            LOG.debug("Mnemo tier '{}': circuit breaker {}", tier, event.getStateTransition());
        }
    }
}
