package dev.mnemo.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.store.memory.chat.InMemoryChatMemoryStore;
import dev.mnemo.MnemoHealth;
import dev.mnemo.testkit.Snippets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The READMEs' LangChain4j snippets are the code of {@link ReadmeSnippets}, and they run. */
class ReadmeSnippetsTest {

    @Test
    void everySnippetOfTheReadmesIsCompiledCode() {
        Snippets.assertAdapterReadmes(ReadmeSnippets.class, "Using Mnemo with LangChain4j");
    }

    @Test
    void theProductionSetUpAndTheImportRun() throws Exception {
        try (FakeOpenAi model = FakeOpenAi.start()) {
            model.thenAnswer("Hello Ada.");
            OpenAiChatModel chatModel = OpenAiChatModel.builder().baseUrl(model.baseUrl()).apiKey("test-key")
                    .modelName("gpt-4o-mini").maxRetries(0).build();
            ReadmeSnippets.Production production = ReadmeSnippets.production(chatModel);
            try (var mnemo = production.mnemo()) {
                assertThat(production.status()).isNotEqualTo(MnemoHealth.Status.DOWN);
                assertThat(production.assistant().chat(new ReadmeSnippets.Chat("ada", "1"), "Hi")).isEqualTo("Hello Ada.");
                assertThat(mnemo.blocking().listSessions("ada", 10).value()).hasSize(1);

                InMemoryChatMemoryStore store = new InMemoryChatMemoryStore();
                ReadmeSnippets.Chat old = new ReadmeSnippets.Chat("bob", "7");
                store.updateMessages(old, List.of(UserMessage.from("Hello"), AiMessage.from("Hi Bob.")));
                assertThat(ReadmeSnippets.importing(mnemo, store, List.of(old)).imported()).isEqualTo(2);
            }
        }
    }
}
