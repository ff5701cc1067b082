package dev.mnemo.summary;

import dev.mnemo.Message;
import dev.mnemo.MnemoException;
import dev.mnemo.Role;
import dev.mnemo.Summary;
import dev.mnemo.ToolCall;
import dev.mnemo.spi.Summarizer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * What an LLM-backed {@link Summarizer} asks its model, the same whichever framework's model answers
 * it (the LangChain4j, Spring AI and ADK summarizers are a {@link #summarizer} over their model): instructions (the
 * system message) that keep facts, decisions and open tool calls within a token budget, and the
 * input (the user message): the summary so far and the new messages as a transcript, with the
 * calls that have no result among them listed apart.
 *
 * <p>A summary is a failure, and the one stored stays, when the model fails, its answer is blank or it
 * stopped at the budget ({@link #summarizer}): a summary cut short may have lost what it ended with,
 * which is where the open tool calls go. Immutable and thread-safe.
 */
public final class SummaryPrompt {

    /** The default budget of a summary: {@value} tokens. */
    public static final int DEFAULT_MAX_TOKENS = 500;

    /** The default instructions; {@code %d} is the budget in tokens. */
    public static final String DEFAULT_INSTRUCTIONS = """
            You keep the running summary of a conversation between a user and an assistant that calls tools.
            Rewrite the summary so far to take in the new messages. Keep every fact the user gave (names, \
            numbers, dates, preferences), every decision taken and why, every question still open, and every \
            tool call still waiting for its result, with its tool and arguments. Drop greetings and repetition. \
            Write plain sentences, no preamble, in at most %d tokens.""";

    private final String instructions;
    private final int maxTokens;

    private SummaryPrompt(String instructions, int maxTokens) {
        this.instructions = instructions;
        this.maxTokens = maxTokens;
    }

    /** @return the default instructions with a budget of {@value #DEFAULT_MAX_TOKENS} tokens */
    public static SummaryPrompt ofDefaults() {
        return of(DEFAULT_INSTRUCTIONS, DEFAULT_MAX_TOKENS);
    }

    /**
     * @param instructions the system message; a {@code %d} in it is replaced by {@code maxTokens}
     * @param maxTokens    the most tokens a summary may take, at least 16; the model is asked for no
     *                     more (its output limit) and the instructions say it
     * @return the prompt
     */
    public static SummaryPrompt of(String instructions, int maxTokens) {
        Objects.requireNonNull(instructions, "instructions");
        if (maxTokens < 16) {
            throw new IllegalArgumentException("maxTokens must be at least 16, was " + maxTokens);
        }
        return new SummaryPrompt(instructions.replace("%d", Integer.toString(maxTokens)), maxTokens);
    }

    /** @return the system message */
    public String instructions() {
        return instructions;
    }

    /** @return the most tokens a summary may take: the output limit to give the model */
    public int maxTokens() {
        return maxTokens;
    }

    /**
     * @param previous    the summary so far, if any
     * @param newMessages the messages it does not cover yet, oldest first
     * @return the user message: the summary so far, the new messages one per line ({@code role: text},
     *         tool calls with their ids and arguments, results with the call they answer), and the
     *         calls with no result among them; system messages are left out, the prompt is sent apart
     */
    public String input(Optional<Summary> previous, List<Message> newMessages) {
        StringBuilder input = new StringBuilder("Summary so far:\n")
                .append(previous.map(Summary::text).orElse("(none)")).append("\n\nNew messages:\n");
        Map<String, ToolCall> open = new LinkedHashMap<>();
        for (Message message : newMessages) {
            if (message.role() == Role.SYSTEM) {
                continue;
            }
            input.append(message.role().name().toLowerCase(Locale.ROOT));
            if (message.role() == Role.TOOL) {
                input.append(" (result of ").append(message.toolCallId()).append(')');
                open.remove(message.toolCallId());
            }
            input.append(": ").append(message.content());
            for (ToolCall call : message.toolCalls()) {
                input.append(" [calls ").append(call.name()).append(' ').append(call.arguments())
                        .append(" as ").append(call.id()).append(']');
                open.put(call.id(), call);
            }
            input.append('\n');
        }
        input.append("\nTool calls with no result yet: ");
        if (open.isEmpty()) {
            input.append("none");
        }
        open.values().forEach(call -> input.append('\n').append(call.name()).append(' ').append(call.arguments())
                .append(" as ").append(call.id()));
        return input.toString();
    }

    /**
     * @param model asks the framework's model for a summary
     * @return a summarizer that asks {@code model} with this prompt and checks its answer: a model
     *         that fails, gives no text or stops at its limit fails the summary with a
     *         {@link MnemoException}, so the stored one stays
     */
    public Summarizer summarizer(Model model) {
        Objects.requireNonNull(model, "model");
        return (previous, newMessages) -> summarize(() -> model.ask(instructions, input(previous, newMessages), maxTokens));
    }

    private CompletionStage<String> summarize(Supplier<Answer> model) {
        Answer answer;
        try {
            answer = model.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e instanceof MnemoException ? e
                    : new MnemoException("The summary model failed; the stored summary stays: " + e.getMessage(), e));
        }
        if (answer.text() == null || answer.text().isBlank()) {
            return CompletableFuture.failedFuture(new MnemoException("The summary model gave no text; the stored summary stays"));
        }
        if (answer.stoppedShort()) {
            return CompletableFuture.failedFuture(new MnemoException("The summary model stopped at its limit of "
                    + maxTokens + " tokens; the stored summary stays"));
        }
        return CompletableFuture.completedFuture(answer.text().strip());
    }

    /** A framework's model, asked for a summary. */
    @FunctionalInterface
    public interface Model {
        /**
         * @param instructions the system message
         * @param input        the user message
         * @param maxTokens    the output limit to give the model, in tokens
         * @return what the model answered; it may block (Mnemo runs summarizers on threads of their own)
         */
        Answer ask(String instructions, String input, int maxTokens);
    }

    /**
     * What the model answered.
     *
     * @param text         its text, or {@code null} when it gave none
     * @param stoppedShort whether it stopped at its output limit
     */
    public record Answer(@Nullable String text, boolean stoppedShort) {
    }
}
