package dev.mnemo.context;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.mnemo.Message;
import dev.mnemo.Role;
import dev.mnemo.SessionId;
import dev.mnemo.State;
import dev.mnemo.Summary;
import dev.mnemo.JsonCodec;
import dev.mnemo.spi.TokenCounter;
import dev.mnemo.spi.Window;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * What to send to the LLM for one turn, in order: the system prompt, the summary (as a system
 * message headed {@value #SUMMARY_HEADING}), then the messages; with token totals from the
 * counts stored at append plus the overhead of the request.
 *
 * @param sessionId    the session
 * @param systemPrompt the system prompt kept first by the policy, if any; not repeated in {@code messages}
 * @param summary      the rolling summary chosen by the policy, if any
 * @param messages     the chosen messages, oldest first
 * @param totals       the token totals
 * @param state        the session's state, read with the window when the policy needs it
 *                     ({@link ContextPolicy#needsState()}), {@code temp:} keys included
 * @param tier         the tier that served the read
 * @param degraded     whether a preferred tier was skipped because it was down
 */
public record Context(SessionId sessionId, Optional<Message> systemPrompt, Optional<Summary> summary,
                      List<Message> messages, TokenTotals totals, Optional<State> state, String tier,
                      boolean degraded) {

    /** The text before the summary in the system message that carries it. */
    public static final String SUMMARY_HEADING = "Summary of the earlier conversation: ";

    /** Checks the parts and copies the list. */
    public Context {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(systemPrompt, "systemPrompt");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(totals, "totals");
        Objects.requireNonNull(state, "state");
        messages = List.copyOf(messages);
    }

    /**
     * Runs a policy over what a window read returned.
     *
     * @param sessionId the session
     * @param policy    the policy
     * @param window    the latest messages, the summary and, when the policy needs it, the state,
     *                  as read from the tier ({@code temp:} keys merged in by the caller)
     * @param counter   the session's token counter
     * @param tier      the tier that served the read
     * @param degraded  whether it was a degraded read
     * @return the context
     * @throws dev.mnemo.CorruptDataException when the pinned system prompt cannot be read back
     */
    public static Context assemble(SessionId sessionId, ContextPolicy policy, Window window, TokenCounter counter,
                                   String tier, boolean degraded) {
        Optional<Message> pinned = window.state().flatMap(SystemPrompt::in);
        ContextDraft draft = policy.apply(ContextDraft.of(window.messages(), window.summary(), pinned, counter));
        draft = draft.withMessages(ToolGroups.withoutOrphans(draft.messages()));
        return new Context(sessionId, draft.systemPrompt(), draft.summary(), draft.messages(), draft.totals(),
                window.state(), tier, degraded);
    }

    /**
     * @return the session's pending tool calls, longest waiting first, when the state was read
     *         ({@link ContextPolicy#state()}); none otherwise
     */
    public List<PendingToolCall> pendingToolCalls() {
        return state.map(PendingToolCalls::in).orElse(List.of());
    }

    /** @return the total prompt tokens: {@link TokenTotals#total()} */
    public int tokens() {
        return totals.total();
    }

    /**
     * @return everything to send, in order, the summary as a SYSTEM message; that message's id
     *         is derived from the summary (a name-based UUID, never a stored message's), and it
     *         must not be appended
     */
    public List<Message> prompt() {
        List<Message> prompt = new ArrayList<>(messages.size() + 2);
        systemPrompt.ifPresent(prompt::add);
        summary.ifPresent(s -> prompt.add(summaryMessage(s)));
        prompt.addAll(messages);
        return prompt;
    }

    /** @return {@link #prompt()} as the {@code messages} array of an OpenAI chat-completions request */
    public ArrayNode toOpenAiMessages() {
        return ContextFormats.openAi(prompt());
    }

    /** @return {@link #toOpenAiMessages()} as JSON text */
    public String toOpenAiJson() {
        return JsonCodec.write(toOpenAiMessages());
    }

    /** @return {@link #prompt()} as plain text, one {@code role: content} block per message, for logs and text-only models */
    public String toText() {
        return ContextFormats.text(prompt());
    }

    private Message summaryMessage(Summary s) {
        UUID id = UUID.nameUUIDFromBytes(("mnemo-summary:" + s.coversUpTo() + ":" + s.version())
                .getBytes(StandardCharsets.UTF_8));
        return new Message(id, Role.SYSTEM, SUMMARY_HEADING + s.text(), null, List.of(), null, null,
                Instant.EPOCH, totals.summary());
    }
}
