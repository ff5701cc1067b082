package dev.mnemo.springai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mnemo.Message;
import dev.mnemo.Mnemo;
import dev.mnemo.ToolCall;
import dev.mnemo.testkit.Faults;
import dev.mnemo.testkit.TieredServers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(3);
    /** The tiers' own limits stay well below the deadline, so a tier that does not answer is skipped in time. */
    private static final Map<String, String> LIMITS = Map.of("mnemo.call-timeout", "3s",
            "mnemo.redis.command-timeout", "400ms", "mnemo.redis.resilience.timeout", "500ms",
            "mnemo.firestore.resilience.timeout", "2s", "mnemo.flush-interval", "50ms");
    private static final TieredServers servers = TieredServers.shared();

    private FakeOpenAi model;
    private Mnemo mnemo;
    private ChatClient client;
    private String namespace;

    @BeforeEach
    void start() throws Exception {
        model = new FakeOpenAi();
        namespace = TieredServers.namespace("spring-ai-fault");
        mnemo = servers.mnemo(namespace, LIMITS);
        assertThat(mnemo.settings().callTimeout()).isEqualTo(CALL_TIMEOUT);
        OpenAiChatModel chatModel = OpenAiChatModel.builder().options(OpenAiChatOptions.builder()
                .baseUrl(model.baseUrl()).apiKey("test-key").model("gpt-4o-mini").maxRetries(0).build()).build();
        client = ChatClient.builder(chatModel).defaultAdvisors(MnemoAdvisors.memory(MnemoChatMemory.builder(mnemo)
                .userIds(conversationId -> "ada").build())).build();
        // Mnemo's clients set up, then the model's and the tool's with a call that has no memory: the timed turns measure Mnemo.
        servers.warmUp(mnemo, namespace);
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
        turn(1);
        turn(2);
        fault.during(servers, () -> {
            turn(3);
            turn(4);
            Faults.assertAnswering(mnemo.blocking().health());
        });

        List<Message> stored = Faults.awaitDurable(servers, namespace, ConversationIds.toSessionId("trip"), 4 * 4);
        for (int n = 1; n <= 4; n++) {
            List<Message> turn = stored.subList(4 * (n - 1), 4 * n);
            assertThat(turn.get(0).content()).isEqualTo("Weather in City" + n + "?");
            assertThat(turn.get(1).toolCalls()).extracting(ToolCall::id).containsExactly("call_" + n);
            assertThat(turn.get(2).toolCallId()).isEqualTo("call_" + n);
            assertThat(turn.get(3).content()).isEqualTo("It is 18 degrees in City" + n + ".");
        }
    }

    /** One turn with a tool round, timed against the deadline. */
    private void turn(int n) {
        String city = "City" + n;
        model.replyToolCall("call_" + n, "weather", "{\"city\":\"" + city + "\"}").replyText("It is 18 degrees in " + city + ".");
        Faults.assertWithinDeadline(CALL_TIMEOUT, "turn " + n, () -> assertThat(client.prompt().user("Weather in " + city + "?")
                .tools(new ChatClientMemoryTest.Weather()).advisors(a -> a.param(ChatMemory.CONVERSATION_ID, "trip"))
                .call().content()).isEqualTo("It is 18 degrees in " + city + "."));
    }
}
