package dev.mnemo.springai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mnemo.Mnemo;
import dev.mnemo.testkit.Faults;
import dev.mnemo.testkit.TieredServers;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;

/**
 * Spring AI's own entry point, a ChatClient with its memory advisor and a tool, on Redis + Firestore
 * + memory (real servers) while a server fails mid-conversation (killed Redis, frozen Redis, frozen
 * Firestore): every turn completes within the configured {@code mnemo.call-timeout} plus a second;
 * health says DEGRADED (AT_RISK only with writes held in this process alone), never DOWN; and after
 * recovery Firestore holds every message of every turn, tool rounds included, once, in order.
 */
class ChatClientFaultTest {

    private static final TieredServers servers = TieredServers.shared();

    private FakeOpenAi model;
    private Mnemo mnemo;
    private ChatClient client;
    private String namespace;

    @BeforeEach
    void start() throws Exception {
        model = new FakeOpenAi();
        namespace = TieredServers.namespace("spring-ai-fault");
        mnemo = servers.warmedUp(namespace, Faults.LIMITS);
        assertThat(mnemo.settings().callTimeout()).isEqualTo(Duration.ofSeconds(3));
        OpenAiChatModel chatModel = OpenAiChatModel.builder().options(OpenAiChatOptions.builder()
                .baseUrl(model.baseUrl()).apiKey("test-key").model("gpt-4o-mini").maxRetries(0).build()).build();
        client = ChatClient.builder(chatModel).defaultAdvisors(MnemoAdvisors.memory(MnemoChatMemory.builder(mnemo)
                .userIds(conversationId -> "ada").build())).build();
        // The model's and the tool's set-up done by a call that has no memory, as Mnemo's is: the timed turns measure Mnemo.
        model.replyToolCall("warm", "weather", "{\"city\":\"Oslo\"}").replyText("Warm.");
        assertThat(ChatClient.create(chatModel).prompt().user("Warm up?").tools(new ChatClientMemoryTest.Weather())
                .call().content()).isEqualTo("Warm.");
    }

    @AfterEach
    void stop() {
        mnemo.close();
        model.close();
    }

    @ParameterizedTest
    @EnumSource(Faults.class)
    void everyTurnEndsWithinTheDeadlineAndFirestoreGetsEveryMessage(Faults fault) {
        fault.drill(servers, mnemo, this::turn);

        Faults.assertToolTurns(servers.awaitDurable(namespace, ConversationIds.toSessionId("trip"), 4 * 4));
    }

    /** One turn with a tool round. */
    private void turn(int n) {
        model.replyToolCall("call_" + n, "weather", "{\"city\":\"City" + n + "\"}").replyText(Faults.answer(n));
        assertThat(client.prompt().user(Faults.question(n)).tools(new ChatClientMemoryTest.Weather())
                .advisors(a -> a.param(ChatMemory.CONVERSATION_ID, "trip")).call().content()).isEqualTo(Faults.answer(n));
    }
}
