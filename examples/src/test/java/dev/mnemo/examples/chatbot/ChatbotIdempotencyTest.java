package dev.mnemo.examples.chatbot;

import static dev.mnemo.examples.chatbot.ChatbotClient.assertError;
import static dev.mnemo.examples.chatbot.ChatbotClient.body;
import static dev.mnemo.examples.chatbot.ChatbotClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mnemo.Message;
import dev.mnemo.Mnemo;
import dev.mnemo.Role;
import dev.mnemo.SessionId;
import dev.mnemo.examples.llm.ChatModel;
import dev.mnemo.examples.llm.ChatModelException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A turn retried with the same Idempotency-Key stores its message once, and answers with the answer it stored. */
class ChatbotIdempotencyTest {

    private static final String TOKEN = BearerTokens.generate();
    private static final BearerTokens TOKENS = BearerTokens.of(Map.of("ada", TOKEN));
    private static final ChatbotSettings SETTINGS = ChatbotSettings.builder().port(0).rateBurst(10_000).build();

    private Mnemo mnemo;

    @BeforeEach
    void start() {
        mnemo = Mnemo.ephemeral();
    }

    @AfterEach
    void stop() {
        mnemo.close();
    }

    @Test
    void aRetriedPostStoresOneMessageAndReplaysTheAnswer() throws Exception {
        try (ChatbotServer server = ChatbotServer.start(mnemo, new ScriptedChatModel(), TOKENS, SETTINGS)) {
            ChatbotClient ada = new ChatbotClient(server.port(), TOKEN);
            String session = ada.create();
            String key = UUID.randomUUID().toString();
            HttpResponse<String> first = post(ada, session, "Hi, my name is Ada", key);
            HttpResponse<String> retried = post(ada, session, "Hi, my name is Ada", key);
            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(retried.statusCode()).isEqualTo(200);
            assertThat(first.headers().firstValue(Endpoints.REPLAYED)).isEmpty();
            assertThat(retried.headers().firstValue(Endpoints.REPLAYED)).contains("true");
            JsonNode once = json(first);
            JsonNode again = json(retried);
            assertThat(again.get("answer")).isEqualTo(once.get("answer"));
            assertThat(again.get("messageId")).isEqualTo(once.get("messageId"));
            assertThat(again.get("answerId")).isEqualTo(once.get("answerId"));
            assertThat(stored(session)).containsExactly("SYSTEM", "USER Hi, my name is Ada", "ASSISTANT Nice to meet you, Ada.");
        }
    }

    @Test
    void withoutAKeyTheSamePostIsTwoTurns() throws Exception {
        try (ChatbotServer server = ChatbotServer.start(mnemo, new ScriptedChatModel(), TOKENS, SETTINGS)) {
            ChatbotClient ada = new ChatbotClient(server.port(), TOKEN);
            String session = ada.create();
            ada.say(session, "Hello");
            ada.say(session, "Hello");
            assertThat(stored(session)).filteredOn(m -> m.equals("USER Hello")).hasSize(2);
        }
    }

    @Test
    void aRetryToAnotherServerInstanceIsRecognisedFromTheTranscript() throws Exception {
        String session;
        String key = UUID.randomUUID().toString();
        JsonNode once;
        try (ChatbotServer server = ChatbotServer.start(mnemo, new ScriptedChatModel(), TOKENS, SETTINGS)) {
            ChatbotClient ada = new ChatbotClient(server.port(), TOKEN);
            session = ada.create();
            once = json(post(ada, session, "Hello there", key));
        }
        // A new server (a restart, or another instance) remembers nothing of its own; Mnemo does.
        try (ChatbotServer restarted = ChatbotServer.start(mnemo, new ScriptedChatModel(), TOKENS, SETTINGS)) {
            HttpResponse<String> retried = post(new ChatbotClient(restarted.port(), TOKEN), session, "Hello there", key);
            assertThat(retried.headers().firstValue(Endpoints.REPLAYED)).contains("true");
            assertThat(json(retried).get("answerId")).isEqualTo(once.get("answerId"));
        }
        assertThat(stored(session)).filteredOn(m -> m.startsWith("USER")).containsExactly("USER Hello there");
    }

    @Test
    void aRetryAfterTheModelFailedStoresTheMessageOnceAndAsksAgain() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        ChatModel flaky = context -> {
            if (calls.incrementAndGet() == 1) {
                throw new ChatModelException("The model is overloaded");
            }
            return Message.assistant("Here now.");
        };
        try (ChatbotServer server = ChatbotServer.start(mnemo, flaky, TOKENS, SETTINGS)) {
            ChatbotClient ada = new ChatbotClient(server.port(), TOKEN);
            String session = ada.create();
            String key = UUID.randomUUID().toString();
            assertError(post(ada, session, "Are you there?", key), 502, "overloaded");
            HttpResponse<String> retried = post(ada, session, "Are you there?", key);
            assertThat(retried.statusCode()).as(retried.body()).isEqualTo(200);
            assertThat(retried.headers().firstValue(Endpoints.REPLAYED)).isEmpty();
            assertThat(stored(session)).containsExactly("SYSTEM", "USER Are you there?", "ASSISTANT Here now.");
        }
    }

    @Test
    void aKeyStillInFlightIs409AndItsRetryReplaysTheAnswer() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ChatModel slow = context -> {
            entered.countDown();
            try {
                release.await(ChatbotClient.CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Message.assistant("Sorry for the wait.");
        };
        try (ChatbotServer server = ChatbotServer.start(mnemo, slow, TOKENS, SETTINGS)) {
            ChatbotClient ada = new ChatbotClient(server.port(), TOKEN);
            String session = ada.create();
            String key = UUID.randomUUID().toString();
            CompletableFuture<HttpResponse<String>> first = ada.sendAsync("POST", "/sessions/" + session + "/messages",
                    body("Hello?"), "Idempotency-Key", key);
            try {
                assertThat(entered.await(ChatbotClient.CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
                HttpResponse<String> concurrent = post(ada, session, "Hello?", key);
                assertError(concurrent, 409, "still in progress");
                assertThat(concurrent.headers().firstValue("Retry-After")).contains("1");
            } finally {
                release.countDown();
            }
            assertThat(first.get(ChatbotClient.CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            assertThat(post(ada, session, "Hello?", key).headers().firstValue(Endpoints.REPLAYED)).contains("true");
            assertThat(stored(session)).containsExactly("SYSTEM", "USER Hello?", "ASSISTANT Sorry for the wait.");
        }
    }

    @Test
    void aKeyReusedForAnotherMessageIs422AndAMalformedKeyIs400() throws Exception {
        try (ChatbotServer server = ChatbotServer.start(mnemo, new ScriptedChatModel(), TOKENS, SETTINGS)) {
            ChatbotClient ada = new ChatbotClient(server.port(), TOKEN);
            String session = ada.create();
            String key = UUID.randomUUID().toString();
            post(ada, session, "First", key);
            assertError(post(ada, session, "Second", key), 422, "used for another message");
            assertError(post(ada, session, "Third", "k".repeat(129)), 400, "Idempotency-Key must be");
            assertThat(stored(session)).filteredOn(m -> m.startsWith("USER")).containsExactly("USER First");
        }
    }

    private static HttpResponse<String> post(ChatbotClient client, String session, String content, String key) throws Exception {
        return client.send("POST", "/sessions/" + session + "/messages", body(content), "Idempotency-Key", key);
    }

    /** @return every stored message of the session, in order: its role, and its content but for the system prompt */
    private List<String> stored(String session) {
        return mnemo.blocking().history(SessionId.of(session), 100).value().stream()
                .map(m -> m.role() == Role.SYSTEM ? "SYSTEM" : m.role() + " " + m.content()).toList();
    }
}
