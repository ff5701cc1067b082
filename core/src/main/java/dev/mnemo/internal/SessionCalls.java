package dev.mnemo.internal;

import dev.mnemo.ConflictException;
import dev.mnemo.MnemoConfig;
import dev.mnemo.Session;
import dev.mnemo.SessionEnd;
import dev.mnemo.SessionId;
import dev.mnemo.SessionNotFoundException;
import dev.mnemo.StateDelta;
import dev.mnemo.StateScope;
import dev.mnemo.spi.SessionChange;
import dev.mnemo.spi.SessionRef;
import dev.mnemo.spi.support.Limits;
import dev.mnemo.spi.support.Stages;
import dev.mnemo.summary.internal.RollingSummaries;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writes of a session's life behind {@code Mnemo}: open (or reopen), state, metadata, end and
 * purge, each under the call deadline and routed as a {@link SessionChange}, with this process's
 * {@code temp:} state kept apart, and the listeners told of what happened.
 */
public final class SessionCalls {

    private static final Logger LOG = LoggerFactory.getLogger(SessionCalls.class);
    /** What the final summary answers when the end stopped waiting for it. */
    private static final Object LATE = new Object();

    private final MnemoConfig settings;
    private final BoundCalls calls;
    private final Router router;
    private final TempStates temporary;
    private final Listeners listeners;
    private final RollingSummaries summaries;
    private final boolean finalSummary;
    private final Clock clock;

    /**
     * @param calls        the deadline and namespace of each write
     * @param finalSummary whether an end first makes a final summary (a summarizer is set)
     */
    public SessionCalls(MnemoConfig settings, BoundCalls calls, Router router, TempStates temporary,
                        Listeners listeners, RollingSummaries summaries, boolean finalSummary, Clock clock) {
        this.settings = settings;
        this.calls = calls;
        this.router = router;
        this.temporary = temporary;
        this.listeners = listeners;
        this.summaries = summaries;
        this.finalSummary = finalSummary;
        this.clock = clock;
    }

    /** Opens a session, as {@code Mnemo.openSession} says. */
    public CompletionStage<Session> open(SessionId id, @Nullable String userId, Map<String, Object> metadata) {
        return calls.bound("openSession", id, ref -> open(ref, userId, metadata));
    }

    private CompletionStage<Session> open(SessionRef ref, @Nullable String userId, Map<String, Object> metadata) {
        Session fresh = Session.create(ref, userId, Limits.requireMetadata("Session " + ref,
                Objects.requireNonNull(metadata, "metadata")), clock.instant());
        return router.write(new SessionChange.Create(fresh)).thenApply(served -> {
            Session stored = served.value();
            if (stored.equals(fresh)) {
                temporary.drop(stored.ref()); // temp: keys of a purged session of the same id
            }
            if (!Objects.equals(stored.userId(), userId)) {
                throw new ConflictException("Session " + stored.ref() + " belongs to another user");
            }
            return stored;
        }).thenCompose(stored -> !stored.equals(fresh) ? CompletableFuture.completedFuture(stored)
                : listeners.tell("created", listener -> listener.created(stored)).thenApply(told -> stored));
    }

    /** Applies a state delta: {@code temp:} keys stay in this process, the others go to the tiers. */
    public CompletionStage<Void> updateState(SessionId id, StateDelta delta) {
        return calls.bound("updateState", id, ref -> updateState(ref, delta));
    }

    private CompletionStage<Void> updateState(SessionRef ref, StateDelta delta) {
        StateDelta stored = delta.persistent();
        StateDelta temp = delta.scope(StateScope.TEMP);
        CompletionStage<Void> written = stored.isEmpty() ? CompletableFuture.completedFuture(null)
                : router.write(new SessionChange.StateChange(ref, stored)).thenApply(served -> served.value());
        if (temp.isEmpty()) {
            return written;
        }
        return written.thenCompose(ignored -> router.readHot(ref, tier -> tier.getSession(ref), Optional::isEmpty))
                .thenAccept(served -> {
                    Session session = served.value().orElseThrow(() -> new SessionNotFoundException(ref.toString()));
                    temporary.apply(ref, session.userId(), temp);
                });
    }

    /** Changes metadata by key, as {@code Mnemo.updateMetadata} says. */
    public CompletionStage<Void> updateMetadata(SessionId id, Map<String, ? extends @Nullable Object> changes) {
        return calls.bound("updateMetadata", id, ref -> updateMetadata(ref, changes));
    }

    private CompletionStage<Void> updateMetadata(SessionRef ref, Map<String, ? extends @Nullable Object> changes) {
        Map<String, @Nullable Object> normalized = Limits.requireMetadata("Session " + ref,
                Objects.requireNonNull(changes, "changes"));
        return router.write(new SessionChange.MetadataChange(ref, normalized)).thenApply(served -> (Void) null);
    }

    /** Ends a session, as {@code Mnemo.endSession} says. */
    public CompletionStage<Boolean> end(SessionId id, String reason, @Nullable String endedBy) {
        return calls.bound("endSession", id, ref -> end(ref, new SessionEnd(reason, endedBy)));
    }

    private CompletionStage<Boolean> end(SessionRef ref, SessionEnd end) {
        return finalSummary(ref).thenCompose(summarized -> router.write(new SessionChange.End(ref, end)))
                .thenCompose(served -> {
                    temporary.drop(ref);
                    return !served.value() ? CompletableFuture.completedFuture(false)
                            : listeners.tell("ended", listener -> listener.ended(ref)).thenApply(told -> true);
                });
    }

    /** Purges a session everywhere; @return whether it existed */
    public CompletionStage<Boolean> delete(SessionId id) {
        return calls.bound("deleteSession", id, ref -> delete(ref));
    }

    private CompletionStage<Boolean> delete(SessionRef ref) {
        temporary.drop(ref);
        return router.deleteSession(ref).thenCompose(served ->
                listeners.tell("deleted", listener -> listener.deleted(ref)).thenApply(told -> served.value()));
    }

    /** Purges a user's sessions and {@code user:} state everywhere; @return how many sessions */
    public CompletionStage<Integer> deleteUser(String userId) {
        return calls.bound("deleteUser", () -> {
            SessionRef.checkUserId(userId);
            temporary.dropUser(userId);
            return router.deleteUser(settings.namespace(), userId).thenCompose(served -> listeners.tell(
                    "userDeleted", listener -> listener.userDeleted(settings.namespace(), userId))
                    .thenApply(told -> served.value()));
        });
    }

    /** The end waits for the summary for half its deadline at most; a slower one goes on and is kept by compare-and-set. */
    private CompletionStage<Void> finalSummary(SessionRef ref) {
        if (!finalSummary) {
            return CompletableFuture.completedFuture(null);
        }
        Duration wait = settings.callTimeout().dividedBy(2);
        return summaries.summarizeNow(ref).toCompletableFuture().thenApply(summary -> (Object) summary)
                .completeOnTimeout(LATE, wait.toNanos(), TimeUnit.NANOSECONDS).handle((summary, error) -> {
                    if (error != null) {
                        LOG.warn("Final summary of session {} failed; it ends without one: {}", ref,
                                Stages.unwrap(error).toString());
                    } else if (summary == LATE) {
                        LOG.info("Final summary of session {} took over {} ms; the session ends meanwhile", ref,
                                wait.toMillis());
                    }
                    return null;
                });
    }
}
