package dev.mnemo.internal;

import dev.mnemo.SessionId;
import dev.mnemo.spi.SessionRef;
import dev.mnemo.spi.support.Deadline;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs each public call of {@code Mnemo} under its call deadline ({@code mnemo.call-timeout}), with
 * the session ids it names read in the Mnemo's namespace. Everything a call does, checking its
 * arguments included, happens inside the deadline, so a bad argument fails the call's stage instead
 * of throwing.
 */
public final class BoundCalls {

    private final String namespace;
    private final Deadline deadline;

    /**
     * @param namespace where session ids are read
     * @param deadline  the deadline of every call, which also tells the metrics of each
     */
    public BoundCalls(String namespace, Deadline deadline) {
        this.namespace = namespace;
        this.deadline = deadline;
    }

    /** @return the namespace session ids are read in */
    public String namespace() {
        return namespace;
    }

    /** @return the session {@code id} names in this namespace */
    public SessionRef ref(SessionId id) {
        return new SessionRef(namespace, Objects.requireNonNull(id, "session id"));
    }

    /**
     * @param operation the call's name, for the metrics and the timeout's message
     * @return the call's answer, bounded by the deadline
     */
    public <T> CompletionStage<T> bound(String operation, Supplier<? extends CompletionStage<T>> call) {
        return deadline.bound(operation, call);
    }

    /**
     * @param operation the call's name, for the metrics and the timeout's message
     * @param id        the session the call is about
     * @return the answer of {@code call} for the session, bounded by the deadline
     */
    public <T> CompletionStage<T> bound(String operation, SessionId id,
                                        Function<SessionRef, ? extends CompletionStage<T>> call) {
        return deadline.bound(operation, () -> call.apply(ref(id)));
    }
}
