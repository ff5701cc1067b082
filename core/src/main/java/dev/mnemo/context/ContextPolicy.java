package dev.mnemo.context;

import dev.mnemo.InvalidInputException;
import java.util.Map;

/**
 * Chooses what of a session goes to the LLM: a stage, or a chain of stages joined with
 * {@link #then(ContextPolicy)}, each turning one {@link ContextDraft} into the next.
 *
 * <pre>{@code
 * ContextPolicy policy = ContextPolicy.lastMessages(60)       // read at most the last 60
 *         .then(ContextPolicy.summary())                      // summary + messages after it
 *         .then(ContextPolicy.compactToolResults(Map.of(
 *                 "read_file", "File content from {file_path}. Re-read if needed.")))
 *         .then(ContextPolicy.tokenBudget(8_000))             // fit what is left, last
 *         .withToolDefinitions(toolTokens);
 * }</pre>
 *
 * <p><b>Cost.</b> A context read fetches the session's last {@link #readLimit()} messages, its
 * summary and counters, and its state when a stage needs it ({@link #needsState()}), in one window
 * read: one round trip to the hot tier for a warm session, O(k) in the window, whatever the
 * transcript's length. A chain reads as little as its
 * narrowest stage allows, because every stage keeps a suffix of what it is given.
 *
 * <p><b>Order matters</b>: stages run left to right. Put {@link #tokenBudget(int)} last, so that
 * it counts what the other stages chose.
 *
 * <p><b>Always</b>, whatever the policy, a TOOL result whose assistant call is not in the
 * context is left out, since chat APIs reject it.
 */
@FunctionalInterface
public interface ContextPolicy {

    /** What {@link #window()} returns for a stage that reads no fixed number of messages itself. */
    int UNBOUNDED = Integer.MAX_VALUE;

    /** How many latest messages a policy with no {@link #lastMessages(int)} stage reads: 100. */
    int DEFAULT_WINDOW = 100;

    /**
     * @param draft the context so far
     * @return the context after this stage
     */
    ContextDraft apply(ContextDraft draft);

    /** @return how many latest messages this stage can use at most, or {@link #UNBOUNDED} */
    default int window() {
        return UNBOUNDED;
    }

    /**
     * @return whether this stage needs the session's state (its pinned system prompt, pending tool
     *         calls): the window read then fetches it too, in the same round trip to the hot tier
     */
    default boolean needsState() {
        return false;
    }

    /** @return how many latest messages a context read fetches for this policy */
    default int readLimit() {
        int window = window();
        return window == UNBOUNDED ? DEFAULT_WINDOW : window;
    }

    /**
     * @param next the stage to run on what this one leaves
     * @return this policy followed by {@code next}
     */
    default ContextPolicy then(ContextPolicy next) {
        return new ChainedPolicy(this, next);
    }

    /**
     * @param overhead how to count the request's overhead, instead of {@link TokenOverhead#DEFAULT}
     * @return this policy counting with {@code overhead}, wherever it stands in the chain
     */
    default ContextPolicy withOverhead(TokenOverhead overhead) {
        return new ChainedPolicy(draft -> draft.withOverhead(overhead), this);
    }

    /**
     * @param tokens the tokens of the tool definitions sent with the request, counted once by the caller
     * @return this policy counting them in every total and budget
     */
    default ContextPolicy withToolDefinitions(int tokens) {
        if (tokens < 0) {
            throw new InvalidInputException("Tool definitions take at least 0 tokens, not " + tokens);
        }
        return new ChainedPolicy(draft -> draft.withOverhead(draft.overhead().withToolDefinitions(tokens)), this);
    }

    /**
     * The sliding window: the last {@code n} messages, less the TOOL results at its start whose
     * call is older than the window.
     *
     * @param n how many, at least 1
     * @return the stage
     */
    static ContextPolicy lastMessages(int n) {
        return new SlidingWindow(n);
    }

    /**
     * The token window: the newest messages whose stored counts, with the overhead, fit in
     * {@code tokens}. It keeps the system prompt (see {@link #systemPrompt()}), the summary if
     * an earlier stage chose it, the latest USER message and the newest message; then it adds
     * older messages, newest first, while they fit, and stops at the first that does not, so
     * the context stays contiguous. An assistant tool call and its TOOL results are kept or
     * dropped together. When what it always keeps is already over the budget, the context is
     * that and nothing more, and {@link TokenTotals#overBudget()} is {@code true}: the caller
     * decides whether to send it.
     *
     * @param tokens the budget, at least 1, in tokens of the session's encoding
     * @return the stage
     */
    static ContextPolicy tokenBudget(int tokens) {
        return new TokenWindow(tokens);
    }

    /**
     * Keeps the session's system prompt first even when it is older than the window. The prompt
     * is the session's first SYSTEM message, pinned in its state when it was appended (see
     * {@link SystemPrompt}); for a session without one, a SYSTEM message at the start of the
     * window is used.
     *
     * @return the stage
     */
    static ContextPolicy systemPrompt() {
        return SystemPromptStage.INSTANCE;
    }

    /**
     * Reads the session's state with the window, in the same round trip, for
     * {@link Context#state()}: an agent's pending tool calls ({@link PendingToolCalls}) or core
     * memory come with the turn's context. It changes nothing else.
     *
     * @return the stage
     */
    static ContextPolicy state() {
        return StateStage.INSTANCE;
    }

    /**
     * Puts the session's rolling summary first and keeps only the messages after its
     * {@code coversUpTo}. Without a summary it changes nothing. When more messages came after
     * the summary than the window holds, the oldest of them are missing until the next summary.
     *
     * @return the stage
     */
    static ContextPolicy summary() {
        return SummaryStage.INSTANCE;
    }

    /**
     * Tool-result compaction with the defaults of {@link ToolResultCompaction}.
     *
     * @param templates a template per tool name, such as
     *                  {@code "read_file" -> "File content from {file_path}. Re-read if needed."}
     * @return the stage
     */
    static ContextPolicy compactToolResults(Map<String, String> templates) {
        return ToolResultCompaction.builder().rules(templates).build();
    }
}
