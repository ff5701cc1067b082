package dev.mnemo.springai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mnemo.Mnemo;
import dev.mnemo.MnemoHealth;
import dev.mnemo.testkit.Snippets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.memory.InMemoryChatMemoryRepository;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;

/** The READMEs' Spring AI snippets are the code of {@link ReadmeSnippets}, and they run. */
class ReadmeSnippetsTest {

    @Test
    void everySnippetOfTheReadmesIsCompiledCode() {
        Snippets.assertAdapterReadmes(ReadmeSnippets.class, "Using Mnemo with Spring AI / Spring Boot");
    }

    @Test
    void theSetUpsAndTheImportRun() throws Exception {
        try (FakeOpenAi model = new FakeOpenAi()) {
            OpenAiChatModel chatModel = OpenAiChatModel.builder().options(OpenAiChatOptions.builder()
                    .baseUrl(model.baseUrl()).apiKey("test-key").model("gpt-4o-mini").maxRetries(0).build()).build();
            ReadmeSnippets.Production production = ReadmeSnippets.withoutBoot(chatModel);
            try (Mnemo mnemo = production.mnemo()) {
                assertThat(production.status()).isNotEqualTo(MnemoHealth.Status.DOWN);
                ask(production.client(), "ada:1", "Hi");
                ReadmeSnippets beans = new ReadmeSnippets();
                ChatMemory starters = MnemoChatMemory.builder(mnemo).userIds(beans.userIds()).build();
                ask(beans.chatClient(ChatClient.builder(chatModel), starters), "ada:2", "Hello");
                assertThat(beans.summarizer(chatModel)).isNotNull();
                assertThat(mnemo.blocking().listSessions("ada", 10).value()).hasSize(2);

                InMemoryChatMemoryRepository repository = new InMemoryChatMemoryRepository();
                repository.saveAll("bob:7", List.of(new UserMessage("Hello"), new AssistantMessage("Hi Bob.")));
                assertThat(ReadmeSnippets.importing(mnemo, repository).imported()).isEqualTo(2);
                assertThat(mnemo.blocking().listSessions("bob", 10).value()).hasSize(1);
            }
        }
    }

    private static void ask(ChatClient client, String conversationId, String question) {
        assertThat(client.prompt().user(question).advisors(a -> a.param(ChatMemory.CONVERSATION_ID, conversationId))
                .call().content()).isEqualTo("echo: " + question);
    }
}
