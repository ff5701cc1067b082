package dev.mnemo.springai;

import dev.mnemo.spi.Summarizer;
import dev.mnemo.summary.SummaryPrompt;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.Prompt;

/**
 * Mnemo's rolling summaries written by a Spring AI {@link ChatModel}, for
 * {@code Mnemo.builder().summarizer(...)} (with Spring Boot, from a {@code MnemoBuilderCustomizer}):
 * the model gets {@link SummaryPrompt}'s instructions (keep facts, decisions, open questions and tool
 * calls waiting for a result) and the summary so far plus the new messages, with its output limited
 * to the prompt's token budget ({@code maxTokens}, set on a copy of the model's own options: a model
 * takes only options of its own type).
 *
 * <pre>{@code
 * Mnemo mnemo = Mnemo.builder().summarizer(ChatModelSummarizer.of(chatModel)).build();
 * }</pre>
 *
 * <p>Mnemo runs it off the request path, on its summary threads, so the blocking model call holds
 * up no chat. A failure (the model errs or times out, answers nothing, or stops at the budget)
 * keeps the stored summary, and a later trigger tries again. Thread-safe when the model is.
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
            ChatResponse response = model.call(new Prompt(List.of(new SystemMessage(instructions), new UserMessage(input)),
                    model.getDefaultOptions().mutate().maxTokens(maxTokens).build()));
            Generation result = response == null ? null : response.getResult();
            if (result == null) {
                return new SummaryPrompt.Answer(null, false);
            }
            String finish = result.getMetadata().getFinishReason();
            return new SummaryPrompt.Answer(result.getOutput().getText(),
                    finish != null && finish.toLowerCase(Locale.ROOT).equals("length"));
        });
    }
}
