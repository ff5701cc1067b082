package dev.mnemo.adk;

import com.google.adk.models.BaseLlm;
import com.google.adk.models.LlmRequest;
import com.google.adk.models.LlmResponse;
import com.google.genai.types.Content;
import com.google.genai.types.FinishReason;
import com.google.genai.types.GenerateContentConfig;
import com.google.genai.types.Part;
import dev.mnemo.Message;
import dev.mnemo.Summary;
import dev.mnemo.spi.Summarizer;
import dev.mnemo.summary.SummaryPrompt;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

/**
 * Mnemo's rolling summaries written by an ADK model ({@link BaseLlm}, such as the agent's
 * {@code Gemini}), for {@code Mnemo.builder().summarizer(...)}: the model gets {@link SummaryPrompt}'s
 * instructions as its system instruction and the summary so far plus the new messages as the user's
 * turn, with its output limited to the prompt's token budget ({@code maxOutputTokens}).
 *
 * <pre>{@code
 * Mnemo mnemo = Mnemo.builder().summarizer(LlmSummarizer.of(new Gemini("gemini-2.0-flash", apiKey))).build();
 * }</pre>
 *
 * <p>Mnemo runs it off the request path, on its summary threads, so waiting for the model holds up
 * no agent. A failure (the model errs, answers nothing, or stops at the budget) keeps the stored
 * summary, and a later trigger tries again. Thread-safe when the model is.
 */
public final class LlmSummarizer implements Summarizer {

    private final BaseLlm llm;
    private final SummaryPrompt prompt;

    private LlmSummarizer(BaseLlm llm, SummaryPrompt prompt) {
        this.llm = Objects.requireNonNull(llm, "llm");
        this.prompt = Objects.requireNonNull(prompt, "prompt");
    }

    /**
     * @param llm the model that writes the summaries
     * @return a summarizer with {@link SummaryPrompt#ofDefaults()}: {@value SummaryPrompt#DEFAULT_MAX_TOKENS} tokens at most
     */
    public static LlmSummarizer of(BaseLlm llm) {
        return of(llm, SummaryPrompt.ofDefaults());
    }

    /**
     * @param llm    the model that writes the summaries
     * @param prompt the instructions and the token budget
     * @return the summarizer
     */
    public static LlmSummarizer of(BaseLlm llm, SummaryPrompt prompt) {
        return new LlmSummarizer(llm, prompt);
    }

    @Override
    public CompletionStage<String> summarize(Optional<Summary> previous, List<Message> newMessages) {
        return prompt.summarize(() -> {
            LlmRequest request = LlmRequest.builder().model(llm.model())
                    .contents(List.of(text("user", prompt.input(previous, newMessages))))
                    .config(GenerateContentConfig.builder().systemInstruction(text("system", prompt.instructions()))
                            .maxOutputTokens(prompt.maxTokens()).build()).build();
            List<LlmResponse> responses = llm.generateContent(request, false).toList().blockingGet();
            String answer = responses.stream().flatMap(response -> response.content().flatMap(Content::parts).orElse(List.of())
                    .stream()).filter(part -> !part.thought().orElse(false)).map(part -> part.text().orElse(""))
                    .collect(Collectors.joining());
            boolean stoppedShort = responses.stream().anyMatch(response -> response.finishReason()
                    .map(reason -> reason.knownEnum() == FinishReason.Known.MAX_TOKENS).orElse(false));
            return new SummaryPrompt.Answer(answer, stoppedShort);
        });
    }

    private static Content text(String role, String text) {
        return Content.builder().role(role).parts(Part.fromText(text)).build();
    }
}
