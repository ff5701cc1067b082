package dev.mnemo.adk;

import com.google.adk.sessions.SessionException;
import com.google.adk.sessions.SessionNotFoundException;
import dev.mnemo.spi.support.Deadline;
import dev.mnemo.spi.support.Stages;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Maybe;
import io.reactivex.rxjava3.core.Single;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * The one place that turns Mnemo's asynchronous calls into ADK's RxJava types: each call starts when
 * it is subscribed to (so a retry calls again) and is bounded by Mnemo's call deadline
 * ({@code mnemo.call-timeout}, core's {@link Deadline}) as a whole, however many Mnemo calls it
 * makes. Failures reach ADK as what its session services throw: a {@link SessionException} (a
 * {@link SessionNotFoundException} for Mnemo's {@link dev.mnemo.SessionNotFoundException}) with
 * Mnemo's exception as the cause; a call past the deadline has a
 * {@link dev.mnemo.StoreTimeoutException} as its cause.
 */
final class AdkCalls {

    private final Deadline deadline;

    AdkCalls(Deadline deadline) {
        this.deadline = deadline;
    }

    /** @return the deadline of every call */
    Deadline deadline() {
        return deadline;
    }

    /** @return {@code call} as a bounded Single, named {@code what} in its errors */
    <T> Single<T> single(String what, Supplier<? extends CompletionStage<T>> call) {
        return Single.defer(() -> Single.fromCompletionStage(deadline.bound(what, call)))
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
