package dev.mnemo.springai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mnemo.Mnemo;
import dev.mnemo.Role;
import dev.mnemo.context.ContextPolicy;
import dev.mnemo.imports.ImportProgress;
import dev.mnemo.imports.TranscriptImport;
import dev.mnemo.testkit.TieredServers;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.memory.ChatMemoryRepository;
import org.springframework.ai.chat.memory.InMemoryChatMemoryRepository;
import org.springframework.ai.chat.memory.MessageWindowChatMemory;
import org.springframework.ai.chat.memory.repository.jdbc.H2ChatMemoryRepositoryDialect;
import org.springframework.ai.chat.memory.repository.jdbc.JdbcChatMemoryRepository;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * Conversations a Spring AI application kept in a ChatMemoryRepository (the in-memory one, and the
 * JDBC one over an embedded H2) moved into Mnemo on Redis + Firestore + memory, real servers: every
 * message, tool calls and each tool response included, lands in Firestore once, however often the
 * import runs and wherever a run stopped.
 */
class ChatMemoryRepositoryImporterTest {

    private static final TieredServers servers = TieredServers.shared();
    private static final String NAMESPACE = TieredServers.namespace("spring-ai-import");
    private static Mnemo mnemo;
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

    private ImportProgress importAll(ChatMemoryRepository repository, TranscriptImport run) {
        return ChatMemoryRepositoryImporter.importAll(run, repository, conversationId -> prefix + "ada",
                repository.findConversationIds().stream().filter(id -> id.startsWith(prefix)).toList());
    }

    @Test
    void toolCallsAndEachToolResponseLandInFirestoreAndAnotherRunStoresNothingTwice() {
        InMemoryChatMemoryRepository repository = new InMemoryChatMemoryRepository();
        List<Message> trip = List.of(new UserMessage("Weather in Oslo and Rome?"),
                AssistantMessage.builder().content("").toolCalls(List.of(
                        new AssistantMessage.ToolCall("call_1", "function", "weather", "{\"city\":\"Oslo\"}"),
                        new AssistantMessage.ToolCall("call_2", "function", "weather", "{\"city\":\"Rome\"}"))).build(),
                ToolResponseMessage.builder().responses(List.of(new ToolResponseMessage.ToolResponse("call_1", "weather", "cold"),
                        new ToolResponseMessage.ToolResponse("call_2", "weather", "warm"))).build(),
                new AssistantMessage("Cold in Oslo, warm in Rome."));
        repository.saveAll(prefix + "trip", trip);

        ImportProgress first = importAll(repository, TranscriptImport.builder(mnemo, "spring-ai").build());
        ImportProgress second = importAll(repository, TranscriptImport.builder(mnemo, "spring-ai").build());

        assertThat(first.imported()).isEqualTo(5);
        assertThat(second.imported()).isZero();
        assertThat(second.alreadyImported()).isEqualTo(5);
        List<dev.mnemo.Message> stored = servers.awaitDurable(NAMESPACE, ConversationIds.toSessionId(prefix + "trip"), 5);
        assertThat(stored).extracting(dev.mnemo.Message::role)
                .containsExactly(Role.USER, Role.ASSISTANT, Role.TOOL, Role.TOOL, Role.ASSISTANT);
        assertThat(stored.get(2).toolCallId()).isEqualTo("call_1");
        assertThat(stored.get(3).toolCallId()).isEqualTo("call_2");
        List<Message> readBack = MnemoChatMemory.builder(mnemo).policy(ContextPolicy.lastMessages(50)).build().get(prefix + "trip");
        assertThat(readBack).extracting(Message::getText).containsExactlyElementsOf(trip.stream().map(Message::getText).toList());
        assertThat(((AssistantMessage) readBack.get(1)).getToolCalls())
                .isEqualTo(((AssistantMessage) trip.get(1)).getToolCalls());
        assertThat(((ToolResponseMessage) readBack.get(2)).getResponses())
                .isEqualTo(((ToolResponseMessage) trip.get(2)).getResponses());
    }

    @Test
    void aJdbcRepositoryIsImportedWholeAndARunStoppedMidwayContinuesWhenRunAgain() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + prefix + ";DB_CLOSE_DELAY=-1");
        new ResourceDatabasePopulator(new ClassPathResource("org/springframework/ai/chat/memory/repository/jdbc/schema-h2.sql"))
                .execute(h2);
        ChatMemoryRepository repository = JdbcChatMemoryRepository.builder().dataSource(h2)
                .dialect(new H2ChatMemoryRepositoryDialect()).build();
        ChatMemory window = MessageWindowChatMemory.builder().chatMemoryRepository(repository).maxMessages(50).build();
        for (String conversation : List.of("one", "two", "three")) {
            for (int turn = 0; turn < 3; turn++) {
                window.add(prefix + conversation, List.of(new UserMessage(conversation + " question " + turn),
                        new AssistantMessage(conversation + " answer " + turn)));
            }
        }
        TranscriptImport crashing = TranscriptImport.builder(mnemo, "spring-ai-jdbc").batchSize(4).listener(progress -> {
            if (progress.imported() >= 8) {
                throw new IllegalStateException("the importing process died");
            }
        }).build();
        assertThatThrownBy(() -> importAll(repository, crashing)).hasMessageContaining("died");

        ImportProgress resumed = importAll(repository, TranscriptImport.builder(mnemo, "spring-ai-jdbc").batchSize(4).build());

        assertThat(resumed.conversations()).isEqualTo(3);
        assertThat(resumed.alreadyImported()).as("what the first run stored before it died").isGreaterThanOrEqualTo(8);
        assertThat(resumed.imported() + resumed.alreadyImported()).isEqualTo(18);
        for (String conversation : List.of("one", "two", "three")) {
            assertThat(servers.awaitDurable(NAMESPACE, ConversationIds.toSessionId(prefix + conversation), 6))
                    .extracting(dev.mnemo.Message::content).containsExactly(conversation + " question 0",
                            conversation + " answer 0", conversation + " question 1", conversation + " answer 1",
                            conversation + " question 2", conversation + " answer 2");
        }
        assertThat(mnemo.blocking().listSessions(prefix + "ada", 10).value()).hasSize(3);
    }
}
