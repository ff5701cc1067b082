package dev.mnemo.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.service.AiServices;
import dev.mnemo.Message;
import dev.mnemo.Mnemo;
import dev.mnemo.SessionId;
import dev.mnemo.ToolCall;
import dev.mnemo.testkit.Faults;
import dev.mnemo.testkit.TieredServers;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * LangChain4j's own entry point, AiServices with a tool, on Redis + Firestore + memory (real servers)
 * while a server fails mid-conversation (killed Redis, frozen Redis, frozen Firestore): every turn
 * completes within the configured {@code mnemo.call-timeout} plus a second; health says DEGRADED
 * (AT_RISK only with writes held in this process alone), never DOWN; and after recovery Firestore
 * holds every message of every turn, once, in order.
 */
class AiServicesFaultTest {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(3);
    /** The tiers' own limits stay well below the deadline, so a tier that does not answer is skipped in time. */
    private static final Map<String, String> LIMITS = Map.of("mnemo.call-timeout", "3s",
            "mnemo.redis.command-timeout", "400ms", "mnemo.redis.resilience.timeout", "500ms",
            "mnemo.firestore.resilience.timeout", "2s", "mnemo.flush-interval", "50ms");
    private static final TieredServers servers = TieredServers.shared();

    private FakeOpenAi model;
    private Mnemo mnemo;
    private AiServicesEndToEndTest.Assistant assistant;
    private String namespace;

    @BeforeEach
    void start() throws IOException {
        model = FakeOpenAi.start();
        namespace = TieredServers.namespace("lc4j-fault");
        mnemo = servers.mnemo(namespace, LIMITS);
        assertThat(mnemo.settings().callTimeout()).isEqualTo(CALL_TIMEOUT);
        OpenAiChatModel chatModel = OpenAiChatModel.builder().baseUrl(model.baseUrl()).apiKey("test-key")
                .modelName("gpt-4o-mini").maxRetries(0).build();
        assistant = AiServices.builder(AiServicesEndToEndTest.Assistant.class).chatModel(chatModel)
                .tools(new AiServicesEndToEndTest.WeatherTools())
                .chatMemoryProvider(MnemoChatMemoryProvider.builder().mnemo(mnemo).userIds(memoryId -> "ada").build())
                .build();
        // Mnemo's clients set up, then the model's with a call that has no memory: the timed turns measure Mnemo.
        servers.warmUp(mnemo, namespace);
        model.thenAnswer("Warm.");
        assertThat(AiServices.create(Bare.class, chatModel).chat("Hello")).isEqualTo("Warm.");
    }

    /** An assistant without memory. */
    interface Bare {
        String chat(String message);
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

        List<Message> stored = Faults.awaitDurable(servers, namespace, SessionId.of("trip"), 1 + 4 * 4);
        assertThat(stored.get(0).content()).isEqualTo("You are a weather assistant.");
        for (int n = 1; n <= 4; n++) {
            List<Message> turn = stored.subList(1 + 4 * (n - 1), 1 + 4 * n);
            assertThat(turn.get(0).content()).isEqualTo("How warm is it in City" + n + "?");
            assertThat(turn.get(1).toolCalls()).extracting(ToolCall::id).containsExactly("call_" + n);
            assertThat(turn.get(2).toolCallId()).isEqualTo("call_" + n);
            assertThat(turn.get(3).content()).isEqualTo("It is 21 degrees in City" + n + ".");
        }
    }

    /** One turn with a tool round, timed against the deadline. */
    private void turn(int n) {
        String city = "City" + n;
        model.thenCallTool("call_" + n, "temperature", "{\"city\":\"" + city + "\"}").thenAnswer("It is 21 degrees in " + city + ".");
        Faults.assertWithinDeadline(CALL_TIMEOUT, "turn " + n, () ->
                assertThat(assistant.chat("trip", "How warm is it in " + city + "?")).isEqualTo("It is 21 degrees in " + city + "."));
    }
}
