package dev.mnemo.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.service.AiServices;
import dev.mnemo.Message;
import dev.mnemo.Mnemo;
import dev.mnemo.SessionId;
import dev.mnemo.testkit.Faults;
import dev.mnemo.testkit.TieredServers;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
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

    private static final TieredServers servers = TieredServers.shared();

    private FakeOpenAi model;
    private Mnemo mnemo;
    private AiServicesEndToEndTest.Assistant assistant;
    private String namespace;

    @BeforeEach
    void start() throws IOException {
        model = FakeOpenAi.start();
        namespace = TieredServers.namespace("lc4j-fault");
        mnemo = servers.warmedUp(namespace, Faults.LIMITS);
        assertThat(mnemo.settings().callTimeout()).isEqualTo(Duration.ofSeconds(3));
        OpenAiChatModel chatModel = OpenAiChatModel.builder().baseUrl(model.baseUrl()).apiKey("test-key")
                .modelName("gpt-4o-mini").maxRetries(0).build();
        assistant = AiServices.builder(AiServicesEndToEndTest.Assistant.class).chatModel(chatModel)
                .tools(new AiServicesEndToEndTest.WeatherTools())
                .chatMemoryProvider(MnemoChatMemoryProvider.builder().mnemo(mnemo).userIds(memoryId -> "ada").build())
                .build();
        // The model's client set up with a call that has no memory, as Mnemo's are: the timed turns measure Mnemo.
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
        fault.drill(servers, mnemo, this::turn);

        List<Message> stored = servers.awaitDurable(namespace, SessionId.of("trip"), 1 + 4 * 4);
        assertThat(stored.get(0).content()).isEqualTo("You are a weather assistant.");
        Faults.assertToolTurns(stored.subList(1, stored.size()));
    }

    /** One turn with a tool round. */
    private void turn(int n) {
        model.thenCallTool("call_" + n, "temperature", "{\"city\":\"City" + n + "\"}").thenAnswer(Faults.answer(n));
        assertThat(assistant.chat("trip", Faults.question(n))).isEqualTo(Faults.answer(n));
    }
}
