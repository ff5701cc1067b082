package dev.mnemo.context;

import dev.mnemo.InvalidInputException;

/**
 * The tokens a chat request takes beyond its messages' own text, which the stored per-message
 * counts leave out. The defaults follow OpenAI's published counting for current chat models:
 * each message costs 3 tokens for its role and separators, and every reply is primed with 3
 * more ({@code <|start|>assistant<|message|>}). Tool definitions are counted once per request,
 * as their caller measured them (for instance {@code mnemo.tokenCounter().count(toolsJson)},
 * computed once at start-up). The result is an estimate within a few tokens of the provider's
 * own count; leave headroom in a budget.
 *
 * @param perMessage      tokens added for each message sent, default {@value #DEFAULT_PER_MESSAGE}
 * @param replyPriming    tokens added once for the reply, default {@value #DEFAULT_REPLY_PRIMING}
 * @param toolDefinitions tokens of the tool definitions sent with the request, default 0
 */
public record TokenOverhead(int perMessage, int replyPriming, int toolDefinitions) {

    /** OpenAI's per-message overhead for current chat models: 3 tokens. */
    public static final int DEFAULT_PER_MESSAGE = 3;
    /** OpenAI's reply priming: 3 tokens. */
    public static final int DEFAULT_REPLY_PRIMING = 3;
    /** The defaults, with no tool definitions. */
    public static final TokenOverhead DEFAULT = new TokenOverhead(DEFAULT_PER_MESSAGE, DEFAULT_REPLY_PRIMING, 0);
    /** No overhead at all: totals are the stored counts only. */
    public static final TokenOverhead NONE = new TokenOverhead(0, 0, 0);

    /** @throws InvalidInputException when a part is negative */
    public TokenOverhead {
        if (perMessage < 0 || replyPriming < 0 || toolDefinitions < 0) {
            throw new InvalidInputException("Token overheads must be >= 0, got perMessage=" + perMessage
                    + ", replyPriming=" + replyPriming + ", toolDefinitions=" + toolDefinitions);
        }
    }

    /** @return this overhead with {@code tokens} of tool definitions */
    public TokenOverhead withToolDefinitions(int tokens) {
        return new TokenOverhead(perMessage, replyPriming, tokens);
    }
}
