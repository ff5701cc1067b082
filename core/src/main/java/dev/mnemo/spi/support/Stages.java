package dev.mnemo.spi.support;

import dev.mnemo.MnemoException;
import dev.mnemo.StoreTimeoutException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/** Helpers that keep the async contract: failures complete the stage, they are never thrown. */
public final class Stages {

    private Stages() {
    }

    /** @return the stage {@code call} returns, or a stage failed with what it threw */
    public static <T> CompletionStage<T> call(Supplier<? extends CompletionStage<T>> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** @return {@code error} without the {@link CompletionException} or {@link ExecutionException} wrappers */
    public static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /**
     * Waits for {@code stage} and returns its value, rethrowing its failure unwrapped, with no time
     * limit of its own: for tests and set-up code over a stage already bounded (a tier's calls have
     * their time limits). Mnemo's call paths never use it; a caller that must not hang on a frozen
     * server waits with {@link #await}.
     *
     * @throws MnemoException what the stage failed with, or one wrapping a checked cause
     */
    public static <T> T join(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().join();
        } catch (CompletionException | CancellationException e) {
            throw rethrown(e);
        }
    }

    /**
     * Waits for {@code stage} for at most {@code limit}: the blocking view of an async call that has
     * a deadline of its own, so that even a stage that never completes cannot hang the caller.
     *
     * @param operation the call, for the error
     * @return the stage's value
     * @throws StoreTimeoutException when {@code limit} passed first
     * @throws MnemoException what the stage failed with, or one wrapping a checked cause
     */
    public static <T> T await(CompletionStage<T> stage, Duration limit, String operation) {
        try {
            return stage.toCompletableFuture().get(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw StoreTimeoutException.callDeadline(operation, limit);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MnemoException("Interrupted while waiting for " + operation, e);
        } catch (ExecutionException | CancellationException e) {
            throw rethrown(e);
        }
    }

    private static RuntimeException rethrown(Exception e) {
        Throwable cause = unwrap(e);
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new MnemoException(String.valueOf(cause.getMessage()), cause);
    }
}
