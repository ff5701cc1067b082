package dev.mnemo.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.service.AiServices;
import dev.mnemo.Mnemo;
import dev.mnemo.MnemoException;
import dev.mnemo.SessionId;
import dev.mnemo.Summary;
import dev.mnemo.context.Context;
import dev.mnemo.context.ContextPolicy;
import dev.mnemo.summary.SummaryConfig;
import dev.mnemo.summary.SummaryPrompt;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Rolling summaries written by a LangChain4j model, read back into the next AiServices turn. */
class ChatModelSummarizerTest {

    private FakeOpenAi chat;
    private FakeOpenAi summaries;
    private Mnemo mnemo;
    private AiServicesEndToEndTest.Assistant assistant;

    @BeforeEach
    void start() throws IOException {
        chat = FakeOpenAi.start();
        summaries = FakeOpenAi.start();
        mnemo = Mnemo.builder().ephemeral()
                .summarizer(ChatModelSummarizer.of(model(summaries), SummaryPrompt.of(SummaryPrompt.DEFAULT_INSTRUCTIONS, 120)))
                .summaryConfig(SummaryConfig.builder().everyMessages(0).everyTokens(0).keepRecent(2).build()).build();
        assistant = AiServices.builder(AiServicesEndToEndTest.Assistant.class).chatModel(model(chat))
                .chatMemoryProvider(MnemoChatMemoryProvider.builder().mnemo(mnemo)
                        .policy(ContextPolicy.summary().then(ContextPolicy.lastMessages(10))).build()).build();
    }

    @AfterEach
    void stop() {
        mnemo.close();
        chat.close();
        summaries.close();
    }

    private static OpenAiChatModel model(FakeOpenAi fake) {
        return OpenAiChatModel.builder().baseUrl(fake.baseUrl()).apiKey("test-key").modelName("gpt-4o-mini")
                .maxRetries(0).build();
    }

    @Test
    void theModelsSummaryReachesTheNextTurnsContextAndAFailedOneKeepsTheLast() {
        chat.thenAnswer("Hello Ada.").thenAnswer("Noted: tea.").thenAnswer("You like tea.").thenAnswer("Yes.");
        summaries.thenAnswer("Ada likes tea.").thenFail();
        SessionId session = SessionId.of("ada");
        assistant.chat("ada", "My name is Ada.");
        assistant.chat("ada", "I like tea.");

        Summary summary = mnemo.blocking().summarize(session).orElseThrow();
        assistant.chat("ada", "What do I like?");

        assertThat(summary.text()).isEqualTo("Ada likes tea.");
        JsonNode asked = summaries.requests().get(0);
        assertThat(asked.at("/messages/0/content").asText()).contains("tool call still waiting", "at most 120 tokens");
        assertThat(asked.at("/messages/1/content").asText()).contains("user: My name is Ada.", "assistant: Hello Ada.");
        assertThat(asked.path("max_tokens").asInt(asked.path("max_completion_tokens").asInt())).isEqualTo(120);
        assertThat(chat.requestMessages().get(2).get(1).get("content").asText())
                .isEqualTo(Context.SUMMARY_HEADING + "Ada likes tea.");

        assertThatThrownBy(() -> mnemo.blocking().summarize(session)).isInstanceOf(MnemoException.class);
        assistant.chat("ada", "Right?");
        assertThat(mnemo.blocking().summary(session).value()).contains(summary);
        assertThat(chat.requestMessages().get(3).get(1).get("content").asText()).endsWith("Ada likes tea.");
    }
}
