package dev.mnemo.examples.agent;

import dev.mnemo.Message;
import dev.mnemo.Role;
import dev.mnemo.Summary;
import dev.mnemo.ToolCall;
import dev.mnemo.spi.Summarizer;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * How an LLM-backed {@link Summarizer} is wired: it writes the prompt (the previous summary plus
 * the new messages) and hands it to the model. Mnemo calls it off the append path, on its own
 * executor, and stores the text by compare-and-set; the model call may be asynchronous.
 */
final class LlmSummarizer implements Summarizer {

    private final Function<String, CompletionStage<String>> llm;

    /** @param llm sends a prompt to the model and completes with its answer; the real HTTP call goes here */
    LlmSummarizer(Function<String, CompletionStage<String>> llm) {
        this.llm = Objects.requireNonNull(llm, "llm");
    }

    @Override
    public CompletionStage<String> summarize(Optional<Summary> previous, List<Message> newMessages) {
        StringBuilder prompt = new StringBuilder("""
                Update the summary of a conversation between a user and an assistant with tools.
                Keep names, files, decisions and open requests; drop pleasantries. At most 5 lines.
                """);
        prompt.append("\nSummary so far:\n").append(previous.map(Summary::text).orElse("(none)"));
        prompt.append("\n\nNew messages:\n");
        for (Message message : newMessages) {
            if (message.role() == Role.SYSTEM) {
                continue; // the system prompt is pinned and sent apart; summarizing it wastes tokens
            }
            prompt.append(message.role().name().toLowerCase(Locale.ROOT)).append(": ").append(message.content());
            for (ToolCall call : message.toolCalls()) {
                prompt.append(" [calls ").append(call.name()).append('(').append(call.arguments()).append(")]");
            }
            prompt.append('\n');
        }
        return llm.apply(prompt.toString());
    }
}
