package dev.mnemo.spi;

import dev.mnemo.Session;
import dev.mnemo.SessionEnd;
import dev.mnemo.StateDelta;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * A write to a session other than an append: what a {@link DurableJournal} keeps, in the same
 * atomic step as the hot tier's own write, until the durable tier has it, and what the router
 * applies to each tier. Applying one twice leaves a tier as applying it once, so a replay after a
 * crash is harmless; applied in journal order they leave every tier alike.
 *
 * @param <T> what {@link #applyTo} answers
 */
public sealed interface SessionChange<T> permits SessionChange.Create, SessionChange.StateChange,
        SessionChange.MetadataChange, SessionChange.End {

    /** @return the session written to */
    SessionRef ref();

    /** @return the change applied to {@code store}, as the matching {@link MemoryStore} call does */
    CompletionStage<T> applyTo(MemoryStore store);

    /**
     * Opens a session: creates it unless it exists, and reopens it when it ENDED.
     *
     * @param session the session to create
     */
    record Create(Session session) implements SessionChange<Session> {
        /** Checks the session is given. */
        public Create {
            Objects.requireNonNull(session, "session");
        }

        @Override
        public SessionRef ref() {
            return session.ref();
        }

        @Override
        public CompletionStage<Session> applyTo(MemoryStore store) {
            return store.createSession(session);
        }
    }

    /**
     * Applies a state delta; its {@code temp:} keys are never in one.
     *
     * @param ref   the session
     * @param delta the keys set and removed
     */
    record StateChange(SessionRef ref, StateDelta delta) implements SessionChange<Void> {
        /** Checks both are given. */
        public StateChange {
            Objects.requireNonNull(ref, "ref");
            Objects.requireNonNull(delta, "delta");
        }

        @Override
        public CompletionStage<Void> applyTo(MemoryStore store) {
            return store.applyState(ref, delta);
        }
    }

    /**
     * Changes metadata by key.
     *
     * @param ref     the session
     * @param changes the keys to set; a {@code null} value removes its key
     */
    record MetadataChange(SessionRef ref, Map<String, @Nullable Object> changes) implements SessionChange<Void> {
        /** Checks both are given and copies the changes, keeping their order and nulls. */
        public MetadataChange {
            Objects.requireNonNull(ref, "ref");
            changes = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(changes, "changes")));
        }

        @Override
        public CompletionStage<Void> applyTo(MemoryStore store) {
            return store.updateMetadata(ref, changes);
        }
    }

    /**
     * Ends a session.
     *
     * @param ref the session
     * @param end why and by whom
     */
    record End(SessionRef ref, SessionEnd end) implements SessionChange<Boolean> {
        /** Checks both are given. */
        public End {
            Objects.requireNonNull(ref, "ref");
            Objects.requireNonNull(end, "end");
        }

        @Override
        public CompletionStage<Boolean> applyTo(MemoryStore store) {
            return store.endSession(ref, end);
        }
    }
}
