package dev.mnemo.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.memory.ChatMemory;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.store.memory.chat.InMemoryChatMemoryStore;
import dev.mnemo.Message;
import dev.mnemo.Mnemo;
import dev.mnemo.Session;
import dev.mnemo.context.ContextPolicy;
import dev.mnemo.imports.ImportProgress;
import dev.mnemo.imports.TranscriptImport;
import dev.mnemo.testkit.TieredServers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Conversations a LangChain4j application kept in its own store (MessageWindowChatMemory over the
 * in-memory store, as the LangChain4j docs set it up) moved into Mnemo on Redis + Firestore +
 * memory, real servers: every message, tool calls included, lands in Firestore once, however often
 * the import runs and wherever a run stopped.
 */
class ChatMemoryStoreImporterTest {

    private static final TieredServers servers = TieredServers.shared();
    private static final String NAMESPACE = TieredServers.namespace("lc4j-import");
    private static Mnemo mnemo;
    private final InMemoryChatMemoryStore store = new InMemoryChatMemoryStore();
    private final List<ImportProgress> reports = new ArrayList<>();
    /** Each test's own conversations: the tests share one Mnemo. */
    private final String prefix = UUID.randomUUID().toString().substring(0, 8) + "-";

    @BeforeAll
    static void start() {
        mnemo = servers.warmedUp(NAMESPACE, Map.of());
    }

    @AfterAll
    static void stop() {
        mnemo.close();
    }

    @BeforeEach
    void fillTheStore() {
        ToolExecutionRequest weather = ToolExecutionRequest.builder().id("call_1").name("weather")
                .arguments("{\"city\":\"Oslo\"}").build();
        fill("ada-1", SystemMessage.from("You are a weather assistant."), UserMessage.from("Weather in Oslo?"),
                AiMessage.from(weather), ToolExecutionResultMessage.from(weather, "cold"), AiMessage.from("It is cold."));
        fill("ada-2", UserMessage.from("Hi"), AiMessage.from("Hello."), UserMessage.from("Bye"), AiMessage.from("Bye."));
        fill("bob-1", UserMessage.from("Hi, I am Bob."), AiMessage.from("Hello Bob."));
    }

    private void fill(String memoryId, ChatMessage... messages) {
        ChatMemory memory = MessageWindowChatMemory.builder().id(prefix + memoryId).maxMessages(50).chatMemoryStore(store).build();
        List.of(messages).forEach(memory::add);
    }

    private ImportProgress importAll(TranscriptImport run) {
        return ChatMemoryStoreImporter.importAll(run, store, this::owner,
                List.of(prefix + "ada-1", prefix + "ada-2", prefix + "bob-1"));
    }

    /** {@code <prefix>ada-1} is a conversation of user {@code <prefix>ada}. */
    private String owner(Object memoryId) {
        return memoryId.toString().substring(0, memoryId.toString().lastIndexOf('-'));
    }

    private ImportProgress importAll(int batchSize) {
        return importAll(TranscriptImport.builder(mnemo, "langchain4j").batchSize(batchSize).listener(reports::add).build());
    }

    @Test
    void everyConversationLandsInFirestoreWithItsToolCallsAndAnotherRunStoresNothingTwice() {
        ImportProgress first = importAll(100);
        ImportProgress second = importAll(100);

        assertThat(first.conversations()).isEqualTo(3);
        assertThat(first.imported()).isEqualTo(11);
        assertThat(second.imported()).isZero();
        assertThat(second.alreadyImported()).isEqualTo(11);
        assertThat(reports).extracting(ImportProgress::conversation).contains(prefix + "ada-1", prefix + "bob-1");
        List<Message> ada = servers.awaitDurable(NAMESPACE, SessionIds.of(prefix + "ada-1"), 5);
        assertThat(ada).extracting(Message::content).containsExactly("You are a weather assistant.",
                "Weather in Oslo?", "", "cold", "It is cold.");
        assertThat(ada.get(2).toolCalls()).singleElement().satisfies(call -> assertThat(call.id()).isEqualTo("call_1"));
        assertThat(ada.get(3).toolCallId()).isEqualTo("call_1");
        assertThat(mnemo.blocking().listSessions(prefix + "ada", 10).value()).extracting(Session::id)
                .containsExactlyInAnyOrder(SessionIds.of(prefix + "ada-1"), SessionIds.of(prefix + "ada-2"));
        MnemoChatMemory memory = MnemoChatMemory.builder().mnemo(mnemo).id(prefix + "ada-1").userId(prefix + "ada")
                .policy(ContextPolicy.lastMessages(50)).build();
        assertThat(memory.messages()).as("the conversation as LangChain4j had it")
                .isEqualTo(store.getMessages(prefix + "ada-1"));
    }

    @Test
    void aRunStoppedMidwayContinuesWhereItStoppedWhenRunAgain() {
        TranscriptImport crashing = TranscriptImport.builder(mnemo, "langchain4j").batchSize(2).listener(progress -> {
            if (progress.imported() >= 4) {
                throw new IllegalStateException("the importing process died");
            }
        }).build();
        assertThatThrownBy(() -> importAll(crashing)).hasMessageContaining("died");

        ImportProgress resumed = importAll(2);

        assertThat(resumed.imported()).isEqualTo(11 - 4);
        assertThat(resumed.refused()).isEmpty();
        for (String memoryId : List.of(prefix + "ada-1", prefix + "ada-2", prefix + "bob-1")) {
            servers.awaitDurable(NAMESPACE, SessionIds.of(memoryId), store.getMessages(memoryId).size());
        }
    }
}
