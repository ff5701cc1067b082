package dev.mnemo.store.firestore.internal;

import com.google.api.core.ApiFuture;
import com.google.api.gax.rpc.ApiException;
import com.google.cloud.firestore.FirestoreException;
import dev.mnemo.InvalidInputException;
import dev.mnemo.MnemoException;
import dev.mnemo.StoreTimeoutException;
import dev.mnemo.StoreUnavailableException;
import dev.mnemo.spi.support.Stages;
import io.grpc.Status;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Runs the store's calls: bridges the SDK's futures to {@link CompletableFuture}, bounds each call
 * by the configured timeout, and reports every failure as a {@link MnemoException} with the
 * driver's exception as its cause. Nothing here throws; failures complete the returned stage.
 */
public final class Calls {

    private final String tier;
    private final Duration timeout;

    /**
     * @param tier    the tier's name, for the errors
     * @param timeout the longest a call may take, the SDK's retries included
     */
    public Calls(String tier, Duration timeout) {
        this.tier = tier;
        this.timeout = timeout;
    }

    /** @return {@code call}'s result within the timeout, failed with a {@link MnemoException} otherwise */
    public <T> CompletableFuture<T> run(Supplier<CompletableFuture<T>> call) {
        return run(timeout, call);
    }

    /** @return {@code call}'s result within {@code limit}, failed with a {@link MnemoException} otherwise */
    public <T> CompletableFuture<T> run(Duration limit, Supplier<CompletableFuture<T>> call) {
        return translated(started(call).orTimeout(limit.toMillis(), TimeUnit.MILLISECONDS), limit);
    }

    /**
     * For a call made of steps that each run under {@link #run}: no time limit of its own, failures
     * reported as {@link MnemoException}s.
     *
     * @return {@code call}'s result
     */
    public <T> CompletableFuture<T> steps(Supplier<CompletableFuture<T>> call) {
        return translated(started(call), timeout);
    }

    private static <T> CompletableFuture<T> started(Supplier<CompletableFuture<T>> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** @return a stage completed as {@code stage} is, its failure as a {@link MnemoException} */
    private <T> CompletableFuture<T> translated(CompletableFuture<T> stage, Duration limit) {
        CompletableFuture<T> result = new CompletableFuture<>();
        stage.whenComplete((value, error) -> {
            if (error == null) {
                result.complete(value);
            } else {
                result.completeExceptionally(translate(error, limit));
            }
        });
        return result;
    }

    /** @return a future completed as {@code future} is, on the thread that completes it */
    public static <T> CompletableFuture<T> of(ApiFuture<T> future) {
        CompletableFuture<T> bridged = new CompletableFuture<>();
        future.addListener(() -> {
            try {
                bridged.complete(future.get());
            } catch (ExecutionException e) {
                bridged.completeExceptionally(e.getCause());
            } catch (CancellationException e) {
                bridged.completeExceptionally(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // cannot happen: the listener runs once the future is done
                bridged.completeExceptionally(e);
            }
        }, Runnable::run);
        return bridged;
    }

    /** @return the gRPC status code in {@code error}'s causes, or {@code null} when there is none */
    public static Status.Code code(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof ApiException api) {
                return Status.Code.valueOf(api.getStatusCode().getCode().name());
            }
            if (cause instanceof FirestoreException firestore && firestore.getStatus() != null) {
                return firestore.getStatus().getCode();
            }
        }
        return null;
    }

    private MnemoException translate(Throwable failure, Duration limit) {
        Throwable error = Stages.unwrap(failure);
        if (error instanceof MnemoException mnemo) {
            return mnemo;
        }
        if (error instanceof TimeoutException) {
            return new StoreTimeoutException(tier, limit, error);
        }
        Status.Code code = code(error);
        if (code == Status.Code.INVALID_ARGUMENT || (code == null && error instanceof IllegalArgumentException)) {
            return new InvalidInputException("Firestore refused the request: " + error.getMessage(), error);
        }
        if (code == Status.Code.DEADLINE_EXCEEDED) {
            return new StoreTimeoutException(tier, limit, error);
        }
        return new StoreUnavailableException(tier, String.valueOf(error.getMessage()), error);
    }
}
