package dev.mnemo.examples.chatbot;

import static dev.mnemo.examples.chatbot.ChatbotClient.assertError;
import static dev.mnemo.examples.chatbot.ChatbotClient.body;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mnemo.Message;
import dev.mnemo.Mnemo;
import dev.mnemo.examples.llm.ChatModel;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** What one user, or all of them together, may use: a rate per user, the workers and their queue, the size of headers. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChatbotLimitsTest {

    private static final String ADA = BearerTokens.generate();
    private static final String GRACE = BearerTokens.generate();
    private static final BearerTokens TOKENS = BearerTokens.of(Map.of("ada", ADA, "grace", GRACE));

    private Mnemo mnemo;

    @BeforeAll
    void start() {
        mnemo = Mnemo.ephemeral();
    }

    @AfterAll
    void stop() {
        mnemo.close();
    }

    @Test
    void aUserOverTheRateIs429WithRetryAfterAndOtherUsersAreNot() throws Exception {
        ChatbotSettings settings = ChatbotSettings.builder().port(0).ratePerMinute(1).rateBurst(3).build();
        try (ChatbotServer server = ChatbotServer.start(mnemo, new ScriptedChatModel(), TOKENS, settings)) {
            ChatbotClient ada = new ChatbotClient(server.port(), ADA);
            String session = ada.create();
            ada.context(session);
            ada.say(session, "Hello");
            HttpResponse<String> refused = ada.send("GET", "/sessions/" + session + "/context", null);
            assertError(refused, 429, "Too many requests");
            long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
            assertThat(retryAfter).isBetween(1L, 60L);
            // Grace has a bucket of her own, and a caller without a token drains nobody's.
            assertError(new ChatbotClient(server.port(), null).send("POST", "/sessions", null), 401, "Bearer");
            assertThat(new ChatbotClient(server.port(), GRACE).create()).isNotBlank();
        }
    }

    @Test
    void requestsBeyondTheWorkersAndTheQueueAre503WithRetryAfter() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ChatModel held = context -> {
            entered.countDown();
            try {
                release.await(ChatbotClient.CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Message.assistant("Done.");
        };
        ChatbotSettings settings = ChatbotSettings.builder().port(0).rateBurst(10_000).threads(1).queue(1).build();
        try (ChatbotServer server = ChatbotServer.start(mnemo, held, TOKENS, settings)) {
            ChatbotClient ada = new ChatbotClient(server.port(), ADA);
            List<String> sessions = List.of(ada.create(), ada.create(), ada.create());
            CompletableFuture<HttpResponse<String>> first = say(ada, sessions.get(0));
            try {
                assertThat(entered.await(ChatbotClient.CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
                // The one worker is in the model: of the next two, one waits in the queue, the other is refused at once.
                CompletableFuture<HttpResponse<String>> second = say(ada, sessions.get(1));
                CompletableFuture<HttpResponse<String>> third = say(ada, sessions.get(2));
                HttpResponse<String> refused = second.applyToEither(third, first503 -> first503)
                        .get(ChatbotClient.CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                assertError(refused, 503, "The server is busy");
                assertThat(refused.headers().firstValue("Retry-After")).contains("1");
                release.countDown();
                HttpResponse<String> queued = (refused == second.getNow(null) ? third : second)
                        .get(ChatbotClient.CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                assertThat(queued.statusCode()).as(queued.body()).isEqualTo(200);
                assertThat(first.get(ChatbotClient.CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            } finally {
                release.countDown();
            }
        }
    }

    @Test
    void headersOverTheLimitAre431InTheSameJsonAsEveryError() throws Exception {
        ChatbotSettings settings = ChatbotSettings.builder().port(0).maxHeaderBytes(1024).build();
        try (ChatbotServer server = ChatbotServer.start(mnemo, new ScriptedChatModel(), TOKENS, settings)) {
            HttpResponse<String> response = new ChatbotClient(server.port(), ADA).send("POST", "/sessions", null,
                    "X-Padding", "p".repeat(2048));
            assertError(response, 431, "");
        }
    }

    @Test
    void aRequestJettyCannotParseIs400InJsonToo() throws Exception {
        try (ChatbotServer server = ChatbotServer.start(mnemo, new ScriptedChatModel(), TOKENS,
                ChatbotSettings.builder().port(0).build());
             RawConnection connection = new RawConnection(server.port())) {
            connection.write("NOT AN HTTP REQUEST\r\n\r\n");
            String response = connection.readToClose();
            assertThat(response).startsWith("HTTP/1.1 400 ").contains("Content-Type: application/json; charset=utf-8")
                    .contains("\"status\":400");
        }
    }

    private static CompletableFuture<HttpResponse<String>> say(ChatbotClient client, String session) {
        return client.sendAsync("POST", "/sessions/" + session + "/messages", body("Take your time"));
    }
}
