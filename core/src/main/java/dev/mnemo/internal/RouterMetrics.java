package dev.mnemo.internal;

import dev.mnemo.MnemoHealth;
import dev.mnemo.summary.SummaryStats;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.concurrent.CompletionStage;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * What Mnemo, the router and the resilience wrappers report; {@link #NONE} when no registry is given.
 * The per-call methods ({@link #call}, {@link #recordCall}, {@link #degraded}) run on every call, so an
 * implementation keeps them free of work beyond recording.
 */
public interface RouterMetrics {

    /** Reports nothing. */
    RouterMetrics NONE = new RouterMetrics() {
    };

    /**
     * One public call of {@link dev.mnemo.Mnemo}, as its caller saw it: answered, failed or past its deadline.
     *
     * @param operation the method, such as {@code append}, {@code context} or {@code turn}
     * @param nanos     how long the caller waited
     * @param error     why it failed, or {@code null} when it answered
     */
    default void call(String operation, long nanos, @Nullable Throwable error) {
    }

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

    /**
     * Exposes the status and the shared journal's numbers, which only a health report knows (they
     * cost a round trip to the hot tier); {@link #reported} keeps them current between asks.
     *
     * @param health makes a new report
     */
    default void bindHealth(Supplier<CompletionStage<MnemoHealth>> health) {
    }

    /** A health report was made: the numbers {@link #bindHealth} exposes are now these. */
    default void reported(MnemoHealth health) {
    }

    /** Exposes what the rolling summaries have done. */
    default void bindSummaries(Supplier<SummaryStats> stats) {
    }
}
