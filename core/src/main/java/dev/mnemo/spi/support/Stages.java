package dev.mnemo.spi.support;

import dev.mnemo.MnemoException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
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
     * Waits for {@code stage} and returns its value, rethrowing its failure unwrapped: the
     * blocking view of an async call.
     *
     * @throws MnemoException what the stage failed with, or one wrapping a checked cause
     */
    public static <T> T join(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().join();
        } catch (CompletionException | java.util.concurrent.CancellationException e) {
            Throwable cause = unwrap(e);
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new MnemoException(String.valueOf(cause.getMessage()), cause);
        }
    }
}
