package dev.mnemo.adk;

import com.google.adk.models.BaseLlm;
import com.google.adk.models.LlmRequest;
import com.google.adk.models.LlmResponse;
import com.google.genai.types.Content;
import com.google.genai.types.FinishReason;
import com.google.genai.types.GenerateContentConfig;
import com.google.genai.types.Part;
import dev.mnemo.spi.Summarizer;
import dev.mnemo.summary.SummaryPrompt;
import java.util.List;
import java.util.Objects;
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
public final class LlmSummarizer {

    private LlmSummarizer() {
    }

    /**
     * @param llm the model that writes the summaries
     * @return a summarizer with {@link SummaryPrompt#ofDefaults()}: {@value SummaryPrompt#DEFAULT_MAX_TOKENS} tokens at most
     */
    public static Summarizer of(BaseLlm llm) {
        return of(llm, SummaryPrompt.ofDefaults());
    }

    /**
     * @param llm    the model that writes the summaries
     * @param prompt the instructions and the token budget
     * @return the summarizer
     */
    public static Summarizer of(BaseLlm llm, SummaryPrompt prompt) {
        Objects.requireNonNull(llm, "llm");
        return prompt.summarizer((instructions, input, maxTokens) -> {
            LlmRequest request = LlmRequest.builder().model(llm.model()).contents(List.of(text("user", input)))
                    .config(GenerateContentConfig.builder().systemInstruction(text("system", instructions))
                            .maxOutputTokens(maxTokens).build()).build();
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
