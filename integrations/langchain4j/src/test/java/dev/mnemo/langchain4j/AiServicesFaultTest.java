package dev.mnemo.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.service.AiServices;
import dev.mnemo.Message;
import dev.mnemo.Mnemo;
import dev.mnemo.MnemoHealth;
import dev.mnemo.SessionId;
import dev.mnemo.ToolCall;
import dev.mnemo.testkit.TieredServers;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * LangChain4j's own entry point, AiServices with a tool, on Redis + Firestore + memory (real servers)
 * while a server fails mid-conversation: every turn completes within the call deadline plus a
 * second, measured against the configured {@code mnemo.call-timeout}; health says DEGRADED (AT_RISK
 * only with writes held in this process alone), never DOWN; and after recovery Firestore holds
 * every message of every turn, once, in order.
 */
class AiServicesFaultTest {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration GRACE = Duration.ofSeconds(1);
    private static final Duration RECOVERY = Duration.ofSeconds(30);
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
        warmUp(chatModel);
    }

    /** Sets up Mnemo's clients, then the model's with a call that has no memory: the timed turns measure Mnemo under the fault. */
    private void warmUp(OpenAiChatModel chatModel) {
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

    @Test
    void redisKilledMidConversation() {
        conversation(servers.redis()::kill, servers.redis()::restart);
    }

    @Test
    void redisFrozenMidConversation() {
        conversation(servers.redis()::pause, servers.redis()::resume);
    }

    @Test
    void firestoreFrozenMidConversation() {
        conversation(servers.firestore()::pause, servers.firestore()::resume);
    }

    /** Two turns, the fault, two turns under it, recovery; then what Firestore holds. */
    private void conversation(Runnable fault, Runnable recovery) {
        turn(1);
        turn(2);
        fault.run();
        try {
            turn(3);
            turn(4);
            MnemoHealth health = mnemo.blocking().health();
            assertThat(health.status()).isNotEqualTo(MnemoHealth.Status.DOWN);
            if (health.status() == MnemoHealth.Status.AT_RISK) {
                assertThat(health.journal().heldOnlyHere() + health.journal().changesHere())
                        .as("AT_RISK only while writes wait in this process alone: %s", health).isPositive();
            } else {
                assertThat(health.status()).isEqualTo(MnemoHealth.Status.DEGRADED);
            }
        } finally {
            recovery.run();
        }
        try (Mnemo durable = servers.durable(namespace)) {
            awaitTranscript(durable, SessionId.of("trip"), 1 + 4 * 4);
        }
    }

    /** One turn with a tool round, timed against the deadline. */
    private void turn(int n) {
        String city = "City" + n;
        model.thenCallTool("call_" + n, "temperature", "{\"city\":\"" + city + "\"}").thenAnswer("It is 21 degrees in " + city + ".");
        long start = System.nanoTime();
        String answer = assistant.chat("trip", "How warm is it in " + city + "?");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(answer).isEqualTo("It is 21 degrees in " + city + ".");
        assertThat(took).as("turn %d against a deadline of %s", n, CALL_TIMEOUT).isLessThan(CALL_TIMEOUT.plus(GRACE));
    }

    /** Waits until Firestore holds the conversation whole, then checks it: each turn's four messages, once, in order. */
    private static void awaitTranscript(Mnemo durable, SessionId session, int expected) {
        long deadline = System.nanoTime() + RECOVERY.toNanos();
        List<Message> stored = List.of();
        while (System.nanoTime() < deadline) {
            stored = durable.blocking().messagesAfter(session, null, 100).value();
            if (stored.size() >= expected) {
                break;
            }
            pause();
        }
        assertThat(stored).hasSize(expected);
        assertThat(stored.get(0).content()).isEqualTo("You are a weather assistant.");
        for (int n = 1; n <= 4; n++) {
            List<Message> turn = stored.subList(1 + 4 * (n - 1), 1 + 4 * n);
            assertThat(turn.get(0).content()).isEqualTo("How warm is it in City" + n + "?");
            assertThat(turn.get(1).toolCalls()).extracting(ToolCall::id).containsExactly("call_" + n);
            assertThat(turn.get(2).toolCallId()).isEqualTo("call_" + n);
            assertThat(turn.get(3).content()).isEqualTo("It is 21 degrees in City" + n + ".");
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
