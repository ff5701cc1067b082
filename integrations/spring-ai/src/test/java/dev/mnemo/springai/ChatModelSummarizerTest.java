package dev.mnemo.springai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mnemo.Mnemo;
import dev.mnemo.MnemoException;
import dev.mnemo.SessionId;
import dev.mnemo.Summary;
import dev.mnemo.context.Context;
import dev.mnemo.summary.SummaryConfig;
import dev.mnemo.summary.SummaryPrompt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;

/** Rolling summaries written by a Spring AI model, read back into the next ChatClient turn. */
class ChatModelSummarizerTest {

    private final FakeOpenAi chat;
    private final FakeOpenAi summaries;
    private final Mnemo mnemo;
    private final ChatClient client;

    ChatModelSummarizerTest() throws Exception {
        chat = new FakeOpenAi();
        summaries = new FakeOpenAi();
        mnemo = Mnemo.builder().ephemeral()
                .summarizer(ChatModelSummarizer.of(model(summaries), SummaryPrompt.of(SummaryPrompt.DEFAULT_INSTRUCTIONS, 120)))
                .summaryConfig(SummaryConfig.builder().everyMessages(0).everyTokens(0).keepRecent(2).build()).build();
        client = ChatClient.builder(model(chat)).defaultAdvisors(MnemoAdvisors.memory(MnemoChatMemory.builder(mnemo).build()))
                .build();
    }

    @AfterEach
    void close() {
        mnemo.close();
        chat.close();
        summaries.close();
    }

    private static OpenAiChatModel model(FakeOpenAi fake) {
        return OpenAiChatModel.builder().options(OpenAiChatOptions.builder().baseUrl(fake.baseUrl()).apiKey("test-key")
                .model("gpt-4o-mini").maxRetries(0).build()).build();
    }

    private String ask(String question) {
        return client.prompt().user(question).advisors(a -> a.param(ChatMemory.CONVERSATION_ID, "ada")).call().content();
    }

    @Test
    void theModelsSummaryReachesTheNextTurnsContextAndAFailedOneKeepsTheLast() {
        chat.replyText("Hello Ada.").replyText("Noted: tea.");
        summaries.replyText("Ada likes tea.").replyFailure();
        SessionId session = ConversationIds.toSessionId("ada");
        ask("My name is Ada.");
        ask("I like tea.");

        Summary summary = mnemo.blocking().summarize(session).orElseThrow();
        ask("What do I like?");

        assertThat(summary.text()).isEqualTo("Ada likes tea.");
        JsonNode asked = summaries.requests().get(0);
        assertThat(asked.at("/messages/0/content").asText()).contains("tool call still waiting", "at most 120 tokens");
        assertThat(asked.at("/messages/1/content").asText()).contains("user: My name is Ada.", "assistant: Hello Ada.");
        assertThat(asked.path("max_tokens").asInt(asked.path("max_completion_tokens").asInt())).isEqualTo(120);
        assertThat(chat.messagesOf(2).get(0).get("content").asText()).isEqualTo(Context.SUMMARY_HEADING + "Ada likes tea.");

        assertThatThrownBy(() -> mnemo.blocking().summarize(session)).isInstanceOf(MnemoException.class);
        ask("Right?");
        assertThat(mnemo.blocking().summary(session).value()).contains(summary);
        assertThat(chat.messagesOf(3).get(0).get("content").asText()).endsWith("Ada likes tea.");
    }
}
