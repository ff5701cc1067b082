package dev.mnemo.benchmarks;

import dev.mnemo.Message;
import dev.mnemo.context.ContextPolicy;
import java.util.Map;

/**
 * The two context reads set side by side in every turn of the configurations that read through
 * Redis ({@link Setup#readsPolicies()}): the full policy a chatbot sends its LLM, and the bare
 * window it is built on. Both read the same 40 latest messages; what the full policy adds is the
 * session's state in the same round trip (for the pinned system prompt), the summary, the scan of
 * the window for tool results to compact (the benchmark's conversation has none, so nothing is
 * compacted) and the token budget's count over what is left (about 3,000 tokens, under 8,000, so
 * nothing is dropped either).
 */
final class ChatPolicy {

    /** How many latest messages both policies read. */
    static final int WINDOW_MESSAGES = 40;

    /** The bare window. */
    static final ContextPolicy WINDOW = ContextPolicy.lastMessages(WINDOW_MESSAGES);

    /** The full policy: pinned system prompt, summary, window, tool-result compaction, token budget. */
    static final ContextPolicy FULL = ContextPolicy.systemPrompt()
            .then(ContextPolicy.summary())
            .then(ContextPolicy.lastMessages(WINDOW_MESSAGES))
            .then(ContextPolicy.compactToolResults(Map.of("read_file", "File {file_path}. Re-read if needed.")))
            .then(ContextPolicy.tokenBudget(8_000));

    /** The text of the SYSTEM message every session of a Mnemo configuration starts with, which Mnemo pins. */
    static final String SYSTEM_PROMPT = "You are the support assistant of an online shop. Answer in the customer's "
            + "language, briefly, and ask for the order number before you discuss an order, a refund or a shipment.";

    private ChatPolicy() {
    }

    /** @return a new system prompt message, built when its session is opened so that its id is the session's oldest */
    static Message systemPrompt() {
        return Message.system(SYSTEM_PROMPT);
    }
}
