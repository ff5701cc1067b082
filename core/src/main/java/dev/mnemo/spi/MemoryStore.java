package dev.mnemo.spi;

import dev.mnemo.Message;
import dev.mnemo.Session;
import dev.mnemo.SessionEnd;
import dev.mnemo.State;
import dev.mnemo.StateDelta;
import dev.mnemo.Summary;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * One storage tier. Every method returns a {@link CompletionStage} and reports failure by
 * completing it exceptionally with a {@link dev.mnemo.MnemoException}; none throws.
 *
 * <p>The contract, which {@code MemoryStoreContract} in {@code mnemo-testkit} checks:
 * <ul>
 *   <li>Messages are ordered by id ({@link Message#BY_ID}) and stored at most once per id:
 *       appending an id already stored skips it.</li>
 *   <li>Operations on a session that does not exist complete with
 *       {@link dev.mnemo.SessionNotFoundException}, except {@link #getSession} (empty),
 *       {@link #deleteSession} ({@code false}) and {@link #createSession}.</li>
 *   <li>An ENDED session takes no more messages: {@link dev.mnemo.ConflictException}.</li>
 *   <li>{@code temp:} state keys are never stored.</li>
 *   <li>Data that cannot be read back is reported with {@link dev.mnemo.CorruptDataException}
 *       naming the key, never dropped silently.</li>
 * </ul>
 *
 * <p>Optional capabilities, such as {@link DurableJournal}, {@link BatchWriter} and
 * {@link AnalyticsBuffers}, are
 * interfaces a store implements; callers ask for them with {@link #capability(Class)}, which a
 * wrapper (the resilience wrapper, metrics) overrides to pass them on, so none is lost.
 */
public interface MemoryStore extends AutoCloseable {

    /** @return the tier's name, as its provider's {@link StoreProvider#name()} */
    String name();

    /** @return what the tier offers */
    Capabilities capabilities();

    /**
     * Opens the session: creates it unless one with its namespace and id exists, and reopens an
     * existing one that ENDED (ACTIVE again, its transcript, counters and metadata kept).
     *
     * @param session the new session
     * @return the stored session: {@code session} itself when it was absent, else the existing one
     *         (reopened when it had ended)
     */
    CompletionStage<Session> createSession(Session session);

    /** @return the session, or empty when it does not exist or has expired */
    CompletionStage<Optional<Session>> getSession(SessionRef ref);

    /** Refreshes the session's last activity and expiry without writing anything else. */
    CompletionStage<Void> touchSession(SessionRef ref);

    /**
     * Marks the session ENDED, recording why and by whom; the claim is atomic, so of concurrent
     * calls exactly one gets {@code true}.
     *
     * @return {@code true} when this call ended it, {@code false} when it had already ended
     */
    CompletionStage<Boolean> endSession(SessionRef ref, SessionEnd end);

    /** Ends the session with {@link SessionEnd#DEFAULT}; see {@link #endSession(SessionRef, SessionEnd)}. */
    default CompletionStage<Boolean> endSession(SessionRef ref) {
        return endSession(ref, SessionEnd.DEFAULT);
    }

    /**
     * Changes the session's metadata by key, in one step.
     *
     * @param changes the keys to set; a {@code null} value removes its key
     */
    CompletionStage<Void> updateMetadata(SessionRef ref, Map<String, ? extends @Nullable Object> changes);

    /**
     * Purges the session: its messages, summary and session-scoped state.
     *
     * @return {@code true} when it existed
     */
    CompletionStage<Boolean> deleteSession(SessionRef ref);

    /**
     * Purges every session of a user in a namespace, and the user's {@code user:} state.
     *
     * @return how many sessions were deleted
     */
    CompletionStage<Integer> deleteUser(String namespace, String userId);

    /**
     * @param limit the most sessions to return, at least 1
     * @return the user's sessions, most recently active first
     */
    CompletionStage<List<Session>> listSessions(String namespace, String userId, int limit);

    /**
     * Appends a batch, skipping ids already stored, and bumps the session's counters by the
     * messages that were new.
     */
    CompletionStage<AppendOutcome> append(SessionRef ref, List<Message> messages);

    /**
     * @param k how many, at least 1
     * @return the last {@code k} messages the tier holds, oldest first
     */
    CompletionStage<List<Message>> lastMessages(SessionRef ref, int k);

    /**
     * @param afterId the id to page after, or {@code null} to start at the first message
     * @param limit   the page size, at least 1
     * @return up to {@code limit} messages with ids greater than {@code afterId}, oldest first
     */
    CompletionStage<List<Message>> messagesAfter(SessionRef ref, @Nullable UUID afterId, int limit);

    /** @return the session's summary, if it has one */
    CompletionStage<Optional<Summary>> getSummary(SessionRef ref);

    /**
     * Replaces the summary when its stored version is {@code expectedVersion} (0 = none yet).
     *
     * @param summary the new summary; its version must be above {@code expectedVersion} (usually
     *                {@code expectedVersion + 1}; a copy from another tier may skip versions),
     *                else {@link dev.mnemo.InvalidInputException}
     * @return {@code true} when replaced, {@code false} when another version was stored
     */
    CompletionStage<Boolean> compareAndSetSummary(SessionRef ref, long expectedVersion, Summary summary);

    /** @return the session's state: its own keys with the user's {@code user:} and the namespace's {@code app:} keys */
    CompletionStage<State> getState(SessionRef ref);

    /** Applies a delta; {@code user:} and {@code app:} keys go to their shared scope, {@code temp:} keys are ignored. */
    CompletionStage<Void> applyState(SessionRef ref, StateDelta delta);

    /**
     * Everything a context read needs; tiers that can do it in one round trip override this.
     *
     * @param k         how many latest messages
     * @param withState whether to read the session's state too (its own keys with {@code user:}
     *                  and {@code app:}), as {@link #getState} would
     * @return the session, its summary, its last {@code k} messages and, when asked, its state
     */
    default CompletionStage<Window> readWindow(SessionRef ref, int k, boolean withState) {
        CompletableFuture<Optional<Session>> session = getSession(ref).toCompletableFuture();
        CompletableFuture<Optional<Summary>> summary = getSummary(ref).toCompletableFuture();
        CompletableFuture<List<Message>> messages = lastMessages(ref, k).toCompletableFuture();
        CompletableFuture<Optional<State>> state = withState
                ? getState(ref).toCompletableFuture().thenApply(Optional::of)
                : CompletableFuture.completedFuture(Optional.empty());
        return CompletableFuture.allOf(session, summary, messages, state).thenApply(ignored -> new Window(
                session.join().orElseThrow(() -> new dev.mnemo.SessionNotFoundException(ref.toString())),
                summary.join(), messages.join(), state.join()));
    }

    /**
     * A chatbot turn: appends as {@link #append} does, then reads as {@link #readWindow} does, so
     * the window holds the messages just appended. A tier that can do both in one round trip
     * overrides this; the default makes the two calls.
     *
     * @param k         how many latest messages to read, at least 1
     * @param withState whether to read the session's state too
     * @return what the append stored and the window afterwards
     */
    default CompletionStage<Turn> turn(SessionRef ref, List<Message> messages, int k, boolean withState) {
        return append(ref, messages).thenCompose(appended -> readWindow(ref, k, withState)
                .thenApply(window -> new Turn(appended, window)));
    }

    /**
     * An optional capability of this tier.
     *
     * @param type the capability's interface, such as {@link DurableJournal} or {@link BatchWriter}
     * @return this store as {@code type} when it implements it (the default); a wrapper returns the
     *         wrapped store's capability, wrapped alike
     */
    default <T> Optional<T> capability(Class<T> type) {
        return type.isInstance(this) ? Optional.of(type.cast(this)) : Optional.empty();
    }

    /** @return whether the tier answers now */
    CompletionStage<Health> health();

    /** Releases connections and threads; the store takes no calls afterwards. */
    @Override
    void close();
}
