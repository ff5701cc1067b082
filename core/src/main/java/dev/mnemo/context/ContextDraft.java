package dev.mnemo.context;

import dev.mnemo.InvalidInputException;
import dev.mnemo.Message;
import dev.mnemo.Summary;
import dev.mnemo.spi.TokenCounter;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A context being shaped by the stages of a {@link ContextPolicy}, immutable: each stage takes
 * one draft and returns the next. It starts with the latest messages read from the tier, the
 * stored summary (not yet chosen) and, when the policy asked for it, the pinned system prompt;
 * it ends as the {@link Context}.
 */
public final class ContextDraft {

    /** The heading's token count by counter: a constant text, counted once. */
    private static final Map<TokenCounter, Integer> HEADING_TOKENS = new ConcurrentHashMap<>();

    private final TokenCounter counter;
    private final TokenOverhead overhead;
    private final Optional<Summary> storedSummary;
    private final Optional<Message> pinnedSystemPrompt;
    private final Optional<Message> systemPrompt;
    private final Optional<Summary> summary;
    private final List<Message> messages;
    private final OptionalInt budget;

    private ContextDraft(TokenCounter counter, TokenOverhead overhead, Optional<Summary> storedSummary,
                         Optional<Message> pinnedSystemPrompt, Optional<Message> systemPrompt,
                         Optional<Summary> summary, List<Message> messages, OptionalInt budget) {
        this.counter = counter;
        this.overhead = overhead;
        this.storedSummary = storedSummary;
        this.pinnedSystemPrompt = pinnedSystemPrompt;
        this.systemPrompt = systemPrompt;
        this.summary = summary;
        this.messages = List.copyOf(messages);
        this.budget = budget;
    }

    /**
     * The draft a policy starts from.
     *
     * @param latest             the latest messages read, oldest first
     * @param storedSummary      the session's summary, if any; no stage has chosen it yet
     * @param pinnedSystemPrompt the session's pinned system prompt, if read
     * @param counter            the session's token counter, for text a stage writes
     * @return the draft, with {@link TokenOverhead#DEFAULT}
     */
    public static ContextDraft of(List<Message> latest, Optional<Summary> storedSummary,
                                  Optional<Message> pinnedSystemPrompt, TokenCounter counter) {
        return new ContextDraft(Objects.requireNonNull(counter, "counter"), TokenOverhead.DEFAULT, storedSummary,
                pinnedSystemPrompt, Optional.empty(), Optional.empty(), latest, OptionalInt.empty());
    }

    /** @return the chosen messages, oldest first, without the system prompt and the summary */
    public List<Message> messages() {
        return messages;
    }

    /** @return the system prompt chosen to go first, if any */
    public Optional<Message> systemPrompt() {
        return systemPrompt;
    }

    /** @return the summary chosen to stand before the messages, if any */
    public Optional<Summary> summary() {
        return summary;
    }

    /** @return the session's stored summary, chosen or not */
    public Optional<Summary> storedSummary() {
        return storedSummary;
    }

    /** @return the session's pinned system prompt, when the policy asked for it and there is one */
    public Optional<Message> pinnedSystemPrompt() {
        return pinnedSystemPrompt;
    }

    /** @return the counter of the session's encoding, for text a stage writes (never for stored messages) */
    public TokenCounter counter() {
        return counter;
    }

    /** @return how overhead is counted */
    public TokenOverhead overhead() {
        return overhead;
    }

    /** @return the token budget fitted, if a stage fitted one */
    public OptionalInt budget() {
        return budget;
    }

    /** @return this draft with {@code chosen} as its messages, oldest first */
    public ContextDraft withMessages(List<Message> chosen) {
        return new ContextDraft(counter, overhead, storedSummary, pinnedSystemPrompt, systemPrompt, summary,
                chosen, budget);
    }

    /** @return this draft with {@code prompt} going first */
    public ContextDraft withSystemPrompt(Message prompt) {
        return new ContextDraft(counter, overhead, storedSummary, pinnedSystemPrompt, Optional.of(prompt), summary,
                messages, budget);
    }

    /** @return this draft with {@code chosen} standing before the messages, or no summary */
    public ContextDraft withSummary(Optional<Summary> chosen) {
        return new ContextDraft(counter, overhead, storedSummary, pinnedSystemPrompt, systemPrompt, chosen,
                messages, budget);
    }

    /** @return this draft counted with {@code next} */
    public ContextDraft withOverhead(TokenOverhead next) {
        return new ContextDraft(counter, Objects.requireNonNull(next, "overhead"), storedSummary, pinnedSystemPrompt,
                systemPrompt, summary, messages, budget);
    }

    /** @return this draft marked as fitted to {@code tokens} */
    public ContextDraft withBudget(int tokens) {
        if (tokens < 1) {
            throw new InvalidInputException("Token budget must be at least 1, was " + tokens);
        }
        return new ContextDraft(counter, overhead, storedSummary, pinnedSystemPrompt, systemPrompt, summary,
                messages, OptionalInt.of(tokens));
    }

    /** @return what {@code message} costs in the request: its stored count plus the per-message overhead */
    public int cost(Message message) {
        return message.tokens() + overhead.perMessage();
    }

    /** @return what the request costs besides {@link #messages()}: system prompt, summary, priming, tools */
    public int fixedCost() {
        return overhead.replyPriming() + overhead.toolDefinitions()
                + systemPrompt.map(this::cost).orElse(0) + summary.map(this::summaryCost).orElse(0);
    }

    /** @return the token totals of this draft as it stands */
    public TokenTotals totals() {
        int sent = messages.size() + (systemPrompt.isPresent() ? 1 : 0) + (summary.isPresent() ? 1 : 0);
        int messageTokens = messages.stream().mapToInt(Message::tokens).sum()
                + systemPrompt.map(Message::tokens).orElse(0);
        int summaryTokens = summary.map(s -> s.tokens() + headingTokens()).orElse(0);
        return new TokenTotals(messageTokens, summaryTokens, sent * overhead.perMessage() + overhead.replyPriming(),
                overhead.toolDefinitions(), budget);
    }

    private int summaryCost(Summary chosen) {
        return chosen.tokens() + headingTokens() + overhead.perMessage();
    }

    /** @return the tokens of {@link Context#SUMMARY_HEADING} in this draft's encoding, counted once per counter */
    private int headingTokens() {
        return HEADING_TOKENS.computeIfAbsent(counter, each -> each.count(Context.SUMMARY_HEADING));
    }
}
