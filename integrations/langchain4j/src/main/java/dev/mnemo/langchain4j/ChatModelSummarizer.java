package dev.mnemo.langchain4j;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.mnemo.spi.Summarizer;
import dev.mnemo.summary.SummaryPrompt;
import java.util.Objects;

/**
 * Mnemo's rolling summaries written by a LangChain4j {@link ChatModel}, for
 * {@code Mnemo.builder().summarizer(...)}: the model gets {@link SummaryPrompt}'s instructions (keep
 * facts, decisions, open questions and tool calls waiting for a result) and the summary so far plus
 * the new messages, with its output limited to the prompt's token budget.
 *
 * <pre>{@code
 * Mnemo mnemo = Mnemo.builder().summarizer(ChatModelSummarizer.of(chatModel)).build();
 * }</pre>
 *
 * <p>Mnemo runs it off the request path, on its summary threads, so the blocking model call holds
 * up no chat. A failure (the model errs or times out, answers nothing, or stops at the budget)
 * keeps the stored summary, and a later trigger tries again. A cheap model does: the summary needs
 * no reasoning. Thread-safe when the model is.
 */
public final class ChatModelSummarizer {

    private ChatModelSummarizer() {
    }

    /**
     * @param model the model that writes the summaries
     * @return a summarizer with {@link SummaryPrompt#ofDefaults()}: {@value SummaryPrompt#DEFAULT_MAX_TOKENS} tokens at most
     */
    public static Summarizer of(ChatModel model) {
        return of(model, SummaryPrompt.ofDefaults());
    }

    /**
     * @param model  the model that writes the summaries
     * @param prompt the instructions and the token budget
     * @return the summarizer
     */
    public static Summarizer of(ChatModel model, SummaryPrompt prompt) {
        Objects.requireNonNull(model, "model");
        return prompt.summarizer((instructions, input, maxTokens) -> {
            ChatResponse response = model.chat(ChatRequest.builder()
                    .messages(SystemMessage.from(instructions), UserMessage.from(input)).maxOutputTokens(maxTokens).build());
            return new SummaryPrompt.Answer(response.aiMessage().text(), response.finishReason() == FinishReason.LENGTH);
        });
    }
}
