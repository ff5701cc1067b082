package dev.mnemo.internal;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.function.IntSupplier;

/** What the router and the resilience wrappers report; {@link #NONE} when no registry is given. */
public interface RouterMetrics {

    /** Reports nothing. */
    RouterMetrics NONE = new RouterMetrics() {
    };

    /**
     * One call to a tier.
     *
     * @param tier      the tier's name
     * @param operation the store method
     * @param nanos     how long it took
     * @param answered  false when it ended in an outage
     */
    default void recordCall(String tier, String operation, long nanos, boolean answered) {
    }

    /** A call served degraded: a preferred tier was skipped. */
    default void degraded(String operation) {
    }

    /** Journaled writes that reached the durable tier. */
    default void replayed(int writes) {
    }

    /** A background task (replay, re-warm, analytics) that failed; it is logged and retried. */
    default void backgroundFailure(String task) {
    }

    /** Data a tier holds could not be read back; the read was answered by another tier. */
    default void corrupt(String tier) {
    }

    /** Exposes a tier's breaker state. */
    default void bindBreaker(CircuitBreaker breaker) {
    }

    /** Exposes the journal's size in pending messages. */
    default void bindJournal(IntSupplier pendingMessages) {
    }
}
