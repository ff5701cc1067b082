package dev.mnemo.internal;

import dev.mnemo.StoreTimeoutException;
import dev.mnemo.spi.support.Stages;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The deadline of every public call of {@link dev.mnemo.Mnemo} ({@code mnemo.call-timeout}): one
 * place decides a call's time budget, as a breaker decides a tier's. Past it the caller's stage
 * fails with {@link StoreTimeoutException}, whatever the tiers are doing; the work itself goes on
 * and settles as it would (a write that lands late is still idempotent by id, so a retry is safe).
 * The tiers' own time limits are shorter, so a tier that does not answer is skipped and the call is
 * answered degraded from another one well before the deadline.
 */
public final class Deadline {

    private final Duration timeout;
    private final RouterMetrics metrics;

    /**
     * @param timeout how long a call may take
     * @param metrics told of each call once, when its caller has the answer or the deadline passed
     */
    public Deadline(Duration timeout, RouterMetrics metrics) {
        this.timeout = timeout;
        this.metrics = metrics;
    }

    /** @return how long a call may take */
    public Duration timeout() {
        return timeout;
    }

    /**
     * Runs {@code call} and bounds the answer by the deadline.
     *
     * @param operation the call's name, for the error
     * @return the call's answer, or a failure with {@link StoreTimeoutException} once the deadline passed
     */
    public <T> CompletionStage<T> bound(String operation, Supplier<? extends CompletionStage<T>> call) {
        long start = System.nanoTime();
        CompletableFuture<T> answer = new CompletableFuture<>();
        Stages.call(call).whenComplete((value, error) -> {
            Throwable failure = error == null ? null : Stages.unwrap(error);
            // Counted before the caller sees it, unless the deadline passed first (then as a timeout).
            if (!answer.isDone()) {
                metrics.call(operation, System.nanoTime() - start, failure);
            }
            if (failure == null) {
                answer.complete(value);
            } else {
                answer.completeExceptionally(failure);
            }
        });
        if (answer.isDone()) {
            return answer;
        }
        CompletableFuture<T> bounded = new CompletableFuture<>();
        answer.orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS).whenComplete((value, error) -> {
            if (error == null) {
                bounded.complete(value);
            } else if (error instanceof TimeoutException) {
                StoreTimeoutException late = StoreTimeoutException.callDeadline(operation, timeout);
                metrics.call(operation, System.nanoTime() - start, late);
                bounded.completeExceptionally(late);
            } else {
                bounded.completeExceptionally(error);
            }
        });
        return bounded;
    }
}
