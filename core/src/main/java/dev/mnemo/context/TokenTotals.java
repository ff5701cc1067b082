package dev.mnemo.context;

import java.util.OptionalInt;

/**
 * The tokens a context will take, from the counts stored at append plus the
 * {@link TokenOverhead}; nothing is re-tokenized.
 *
 * @param messages        the stored counts of the messages sent, the system prompt included
 * @param summary         the summary's count with its heading, 0 without a summary
 * @param overhead        per-message overhead times the messages sent (the summary counts as
 *                        one), plus the reply priming
 * @param toolDefinitions the tool definitions' tokens
 * @param budget          the budget a {@link ContextPolicy#tokenBudget(int)} stage fitted, if any
 */
public record TokenTotals(int messages, int summary, int overhead, int toolDefinitions, OptionalInt budget) {

    /** @return everything added up: what the request will cost in prompt tokens */
    public int total() {
        return messages + summary + overhead + toolDefinitions;
    }

    /**
     * @return {@code true} when a budget was set and the total is over it, which happens only
     *         when what is always kept (see {@link ContextPolicy#tokenBudget(int)}) does not fit
     */
    public boolean overBudget() {
        return budget.isPresent() && total() > budget.getAsInt();
    }
}
