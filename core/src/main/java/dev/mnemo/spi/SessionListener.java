package dev.mnemo.spi;

import dev.mnemo.AppendResult;
import dev.mnemo.Session;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Told of a session's life by the Mnemo it is registered with
 * ({@code Mnemo.builder().listener(...)}), after each event has happened in the tiers. Mnemo waits
 * for the stage a method returns before it completes the caller's call, so that what the listener
 * writes is in place when the caller goes on (an answer's analytics before the session can end);
 * a listener keeps that short and does slow work in the background. A listener's failure is
 * logged and never reaches the caller. Every method has a default that does nothing.
 */
public interface SessionListener extends AutoCloseable {

    /**
     * Called once, when the Mnemo is built, before any other call.
     *
     * @param access what the listener may do with the Mnemo, and its tiers
     * @throws dev.mnemo.InvalidInputException when the listener cannot work with them; the build fails
     */
    default void attach(SessionAccess access) {
    }

    /** Called when a call to {@code openSession} created the session. @return completes when handled */
    default CompletionStage<Void> created(Session session) {
        return done();
    }

    /** Called after an append was stored, with what it stored. @return completes when handled */
    default CompletionStage<Void> appended(SessionRef ref, AppendResult result) {
        return done();
    }

    /** Called after a call to {@code endSession} claimed the end: once per session. @return completes when handled */
    default CompletionStage<Void> ended(SessionRef ref) {
        return done();
    }

    /** Called after a session was purged. @return completes when handled */
    default CompletionStage<Void> deleted(SessionRef ref) {
        return done();
    }

    /** Called after every session of a user was purged. @return completes when handled */
    default CompletionStage<Void> userDeleted(String namespace, String userId) {
        return done();
    }

    /** Called when the Mnemo closes, before its tiers close. */
    @Override
    default void close() {
    }

    private static CompletionStage<Void> done() {
        return CompletableFuture.completedFuture(null);
    }
}
