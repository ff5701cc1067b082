package dev.mnemo.adk;

import com.google.adk.sessions.SessionException;
import com.google.adk.sessions.SessionNotFoundException;
import dev.mnemo.StoreTimeoutException;
import dev.mnemo.spi.support.Stages;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Maybe;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The one place that turns Mnemo's asynchronous calls into ADK's RxJava types and bounds them: each
 * call starts when it is subscribed to (so a retry calls again), and fails with a
 * {@link SessionException} when it has not completed within the limit, whatever its tiers do.
 * Failures reach ADK as what its session services throw: a {@link SessionException} (a
 * {@link SessionNotFoundException} for Mnemo's {@link dev.mnemo.SessionNotFoundException}) with
 * Mnemo's exception as the cause.
 */
final class Deadline {

    private final Duration limit;

    Deadline(Duration limit) {
        this.limit = limit;
    }

    /** @return the limit of every call */
    Duration limit() {
        return limit;
    }

    /** @return {@code call} as a bounded Single, named {@code what} in its errors */
    <T> Single<T> single(String what, Supplier<? extends CompletionStage<T>> call) {
        return Single.defer(() -> Single.fromCompletionStage(Stages.call(call)))
                .timeout(limit.toNanos(), TimeUnit.NANOSECONDS, Schedulers.computation(),
                        Single.error(() -> timedOut(what)))
                .onErrorResumeNext(error -> Single.error(translate(what, error)));
    }

    /** @return {@code call} as a bounded Maybe, empty when the call's value is */
    <T> Maybe<T> maybe(String what, Supplier<? extends CompletionStage<Optional<T>>> call) {
        return this.<Optional<T>>single(what, call)
                .flatMapMaybe(value -> value.map(Maybe::just).orElseGet(Maybe::empty));
    }

    /** @return {@code call} as a bounded Completable */
    Completable completable(String what, Supplier<? extends CompletionStage<Void>> call) {
        return single(what, () -> call.get().thenApply(ignored -> Boolean.TRUE)).ignoreElement();
    }

    private SessionException timedOut(String what) {
        return new SessionException(what + ": no answer within " + limit.toMillis() + " ms",
                new StoreTimeoutException("mnemo", limit, null));
    }

    private static SessionException translate(String what, Throwable error) {
        Throwable cause = Stages.unwrap(error);
        if (cause instanceof SessionException session) {
            return session;
        }
        if (cause instanceof dev.mnemo.SessionNotFoundException) {
            return new SessionNotFoundException(what + ": " + cause.getMessage(), cause);
        }
        return new SessionException(what + ": " + cause.getMessage(), cause);
    }
}
