package dev.mnemo.internal;

import dev.mnemo.Message;
import dev.mnemo.Served;
import dev.mnemo.Session;
import dev.mnemo.SessionId;
import dev.mnemo.State;
import dev.mnemo.Summary;
import dev.mnemo.context.Context;
import dev.mnemo.context.ContextPolicy;
import dev.mnemo.spi.SessionRef;
import dev.mnemo.spi.TokenCounter;
import dev.mnemo.spi.Window;
import dev.mnemo.spi.support.Limits;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * The reads behind {@code Mnemo}, each under the call deadline: a session, a user's sessions, the
 * latest messages, pages of the transcript, the summary, the state and the context, routed to the
 * hot tier first, with this process's {@code temp:} state laid over what the tiers hold. The
 * session listeners and the rolling summaries read through it too, within the same deadline.
 */
public final class SessionReads {

    private final BoundCalls calls;
    private final Router router;
    private final TempStates temporary;
    private final TokenCounter tokens;

    /**
     * @param calls     the deadline and namespace of each read
     * @param router    where reads go
     * @param temporary this process's {@code temp:} state
     * @param tokens    what a context's budget is counted with
     */
    public SessionReads(BoundCalls calls, Router router, TempStates temporary, TokenCounter tokens) {
        this.calls = calls;
        this.router = router;
        this.temporary = temporary;
        this.tokens = tokens;
    }

    /** @return the namespace of the sessions read */
    public String namespace() {
        return calls.namespace();
    }

    /** @return the session, as {@code Mnemo.getSession} says */
    public CompletionStage<Served<Optional<Session>>> session(SessionId id) {
        return calls.bound("getSession", id,
                ref -> router.readHot(ref, tier -> tier.getSession(ref), Optional::isEmpty));
    }

    /** @return the user's sessions, as {@code Mnemo.listSessions} says */
    public CompletionStage<Served<List<Session>>> sessions(String userId, int limit) {
        return calls.bound("listSessions", () -> {
            SessionRef.checkUserId(userId);
            Limits.requirePositive("limit", limit);
            return router.listSessions(calls.namespace(), userId, limit);
        });
    }

    /** @return the session's last {@code limit} messages, as {@code Mnemo.history} says */
    public CompletionStage<Served<List<Message>>> history(SessionId id, int limit) {
        return calls.bound("history", () -> {
            Limits.requirePositive("limit", limit);
            return router.readWindow(calls.ref(id), limit, false)
                    .thenApply(served -> served.with(served.value().messages()));
        });
    }

    /** @return a page of the transcript, as {@code Mnemo.messagesAfter} says */
    public CompletionStage<Served<List<Message>>> messagesAfter(SessionId id, @Nullable UUID afterId, int limit) {
        return calls.bound("messagesAfter", () -> {
            Limits.requirePositive("limit", limit);
            return router.messagesAfter(calls.ref(id), afterId, limit);
        });
    }

    /** @return the context {@code policy} makes, as {@code Mnemo.context} says */
    public CompletionStage<Context> context(SessionId id, ContextPolicy policy) {
        return calls.bound("context", id, ref -> {
            Objects.requireNonNull(policy, "policy");
            return router.readWindow(ref, policy.readLimit(), policy.needsState())
                    .thenApply(served -> context(ref, policy, served));
        });
    }

    /** @return the context {@code policy} makes of a window read, with this process's {@code temp:} state */
    public Context context(SessionRef ref, ContextPolicy policy, Served<Window> served) {
        Window window = served.value();
        Window withTemp = window.state().isEmpty() ? window : new Window(window.session(), window.summary(),
                window.messages(), Optional.of(temporary.overlay(ref, window.state().get())));
        return Context.assemble(ref.id(), policy, withTemp, tokens, served.tier(), served.degraded());
    }

    /** @return the session's rolling summary, as {@code Mnemo.summary} says */
    public CompletionStage<Served<Optional<Summary>>> summary(SessionId id) {
        return calls.bound("summary", id, ref -> router.readHot(ref, tier -> tier.getSummary(ref), summary -> false));
    }

    /** @return the session's state with this process's {@code temp:} keys, as {@code Mnemo.state} says */
    public CompletionStage<Served<State>> state(SessionId id) {
        return calls.bound("state", id, ref -> router.readHot(ref, tier -> tier.getState(ref), state -> false)
                .thenApply(served -> served.with(temporary.overlay(ref, served.value()))));
    }
}
