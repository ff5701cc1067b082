package dev.mnemo.spi.support;

import dev.mnemo.StoreTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The deadline of a call ({@code mnemo.call-timeout}, {@link dev.mnemo.MnemoConfig#callTimeout()}):
 * one place decides a call's time budget, as a breaker decides a tier's. Every public call of
 * {@link dev.mnemo.Mnemo} goes through one; a framework adapter that makes several Mnemo calls for
 * one call of its framework bounds them all with one more, built from the same setting, so the
 * framework's call never waits longer than the deadline however many steps it takes.
 *
 * <p>Past the deadline the caller's stage fails with {@link StoreTimeoutException}, whatever the
 * tiers are doing; the work itself goes on and settles as it would (a write that lands late is
 * still idempotent by id, so a retry is safe). The tiers' own time limits are shorter, so a tier
 * that does not answer is skipped and the call is answered degraded from another one well before
 * the deadline.
 */
public final class Deadline {

    /** Told of each bounded call once: when its caller has the answer, or when the deadline passed. */
    @FunctionalInterface
    public interface Observer {
        /**
         * @param operation the call's name
         * @param nanos     how long the caller waited
         * @param failure   what the call failed with ({@link StoreTimeoutException} past the
         *                  deadline), or null when it answered
         */
        void call(String operation, long nanos, @Nullable Throwable failure);
    }

    private final Duration timeout;
    private final Observer observer;

    /** @param timeout how long a call may take, positive */
    public Deadline(Duration timeout) {
        this(timeout, (operation, nanos, failure) -> { });
    }

    /**
     * @param timeout  how long a call may take, positive
     * @param observer told of each call once (metrics, for instance)
     */
    public Deadline(Duration timeout, Observer observer) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("A deadline must be positive, was " + timeout);
        }
        this.timeout = timeout;
        this.observer = observer;
    }

    /** @return how long a call may take */
    public Duration timeout() {
        return timeout;
    }

    /**
     * Runs {@code call} and bounds the answer by the deadline.
     *
     * @param operation the call's name, for the error
     * @return the call's answer, or a failure with {@link StoreTimeoutException} once the deadline
     *         passed; a call that throws fails the stage instead
     */
    public <T> CompletionStage<T> bound(String operation, Supplier<? extends CompletionStage<T>> call) {
        long start = System.nanoTime();
        CompletableFuture<T> answer = new CompletableFuture<>();
        Stages.call(call).whenComplete((value, error) -> {
            Throwable failure = error == null ? null : Stages.unwrap(error);
            // Observed before the caller sees it, unless the deadline passed first (then as a timeout).
            if (!answer.isDone()) {
                observer.call(operation, System.nanoTime() - start, failure);
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
                observer.call(operation, System.nanoTime() - start, late);
                bounded.completeExceptionally(late);
            } else {
                bounded.completeExceptionally(error);
            }
        });
        return bounded;
    }

    /**
     * Runs {@code call} and waits for its answer, for no longer than the deadline: the blocking form
     * of {@link #bound}, for the synchronous interfaces of frameworks.
     *
     * @param operation the call's name, for the error
     * @return the call's answer
     * @throws StoreTimeoutException once the deadline passed
     * @throws dev.mnemo.MnemoException what the call failed with
     */
    public <T> T await(String operation, Supplier<? extends CompletionStage<T>> call) {
        return Stages.await(bound(operation, call), timeout, operation);
    }
}
