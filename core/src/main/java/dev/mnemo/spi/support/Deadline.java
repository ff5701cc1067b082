package dev.mnemo.spi.support;

import dev.mnemo.StoreTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

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

    private final Duration timeout;

    /** @param timeout how long a call may take, positive */
    public Deadline(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("A deadline must be positive, was " + timeout);
        }
        this.timeout = timeout;
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
        CompletableFuture<T> answer = new CompletableFuture<>();
        Stages.call(call).whenComplete((value, error) -> {
            if (error == null) {
                answer.complete(value);
            } else {
                answer.completeExceptionally(Stages.unwrap(error));
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
                bounded.completeExceptionally(StoreTimeoutException.callDeadline(operation, timeout));
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
        return Stages.join(bound(operation, call));
    }
}
