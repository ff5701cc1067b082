package dev.mnemo.internal;

import dev.mnemo.AppendResult;
import dev.mnemo.Message;
import dev.mnemo.MnemoConfig;
import dev.mnemo.Served;
import dev.mnemo.SessionId;
import dev.mnemo.State;
import dev.mnemo.TurnResult;
import dev.mnemo.context.Context;
import dev.mnemo.context.ContextPolicy;
import dev.mnemo.context.SystemPrompt;
import dev.mnemo.spi.AppendOutcome;
import dev.mnemo.spi.SessionChange;
import dev.mnemo.spi.SessionRef;
import dev.mnemo.spi.TokenCounter;
import dev.mnemo.spi.support.Limits;
import dev.mnemo.summary.internal.RollingSummaries;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The writes of messages behind {@code Mnemo.append} and {@code Mnemo.turn}, each under the call
 * deadline: each message checked and counted once, the session's system prompt pinned, the rolling
 * summaries and the listeners told.
 */
public final class MessageWrites {

    private final MnemoConfig settings;
    private final BoundCalls calls;
    private final Router router;
    private final TokenCounter tokens;
    private final RollingSummaries summaries;
    private final Listeners listeners;
    private final SessionReads reads;

    /**
     * @param settings  the message bound
     * @param calls     the deadline and namespace of each write
     * @param router    where messages go
     * @param tokens    what counts them
     * @param summaries told of each append
     * @param listeners told of each append
     * @param reads     what makes a turn's context of the window its write read
     */
    public MessageWrites(MnemoConfig settings, BoundCalls calls, Router router, TokenCounter tokens,
                         RollingSummaries summaries, Listeners listeners, SessionReads reads) {
        this.settings = settings;
        this.calls = calls;
        this.router = router;
        this.tokens = tokens;
        this.summaries = summaries;
        this.listeners = listeners;
        this.reads = reads;
    }

    /** Appends, as {@code Mnemo.append} says. */
    public CompletionStage<AppendResult> append(SessionId id, List<Message> messages) {
        return calls.bound("append", id, ref -> append(ref, messages));
    }

    /** Appends and reads the context after it, in one round trip to the hot tier, as {@code Mnemo.turn} says. */
    public CompletionStage<TurnResult> turn(SessionId id, List<Message> messages, ContextPolicy policy) {
        return calls.bound("turn", id, ref -> turn(ref, messages, policy));
    }

    private CompletionStage<AppendResult> append(SessionRef ref, List<Message> messages) {
        List<Message> counted = counted(ref, messages);
        return router.append(ref, counted).thenCompose(served -> after(ref, result(counted, served), null));
    }

    private CompletionStage<TurnResult> turn(SessionRef ref, List<Message> messages, ContextPolicy policy) {
        Objects.requireNonNull(policy, "policy");
        List<Message> counted = counted(ref, messages);
        return router.turn(ref, counted, policy.readLimit(), policy.needsState()).thenCompose(answer -> {
            AppendResult appended = result(counted, answer.appended());
            Context context = reads.context(ref, policy, answer.window());
            return after(ref, appended, answer.window().value().state().orElse(null))
                    .thenApply(done -> new TurnResult(appended, context));
        });
    }

    private List<Message> counted(SessionRef ref, List<Message> messages) {
        Limits.requireMessages(ref, messages);
        List<Message> counted = new ArrayList<>(messages.size());
        for (Message message : messages) {
            Limits.requireStorable(ref, Objects.requireNonNull(message, "message"), settings.maxContentBytes());
            counted.add(message.tokens() > 0 ? message : message.withTokens(tokens.count(message)));
        }
        return counted;
    }

    private static AppendResult result(List<Message> counted, Served<AppendOutcome> served) {
        AppendOutcome outcome = served.value();
        return new AppendResult(counted, outcome.appended(), outcome.messageCount(), outcome.tokenCount(), served.tier(),
                served.degraded());
    }

    /**
     * Pins the session's first SYSTEM message (see {@link SystemPrompt}) before the write completes,
     * so the next context has it, whether or not this write stored it (a retry pins what a failed
     * attempt did not); then lets the rolling summaries look at the counters and tells the listeners.
     *
     * @param known the session's state as the write read it, or {@code null} when it read none
     */
    private CompletionStage<AppendResult> after(SessionRef ref, AppendResult result, State known) {
        Optional<Message> prompt = SystemPrompt.firstIn(result.messages());
        CompletionStage<Void> pinned = prompt.isEmpty() ? CompletableFuture.completedFuture(null)
                : (known != null ? CompletableFuture.completedFuture(known)
                        : router.readHot(ref, tier -> tier.getState(ref), state -> false).thenApply(Served::value))
                        .thenCompose(state -> SystemPrompt.in(state).isPresent() ? CompletableFuture.completedFuture(null)
                                : router.write(new SessionChange.StateChange(ref, SystemPrompt.pin(prompt.get())))
                                        .thenApply(written -> (Void) null));
        return pinned.thenCompose(ignored -> {
            summaries.afterAppend(ref, result);
            return listeners.tell("appended", listener -> listener.appended(ref, result)).thenApply(told -> result);
        });
    }
}
