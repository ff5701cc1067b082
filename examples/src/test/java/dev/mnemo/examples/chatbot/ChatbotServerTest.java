package dev.mnemo.examples.chatbot;

import static dev.mnemo.examples.chatbot.ChatbotClient.assertError;
import static dev.mnemo.examples.chatbot.ChatbotClient.body;
import static dev.mnemo.examples.chatbot.ChatbotClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mnemo.Mnemo;
import dev.mnemo.spi.StoreConfig;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Drives the chatbot backend over HTTP, on an ephemeral loopback port, on the embedded memory tier. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS) // one server serves every test; each uses its own sessions
class ChatbotServerTest {

    private static final int MAX_CONTENT_BYTES = 1024;
    private static final String TOKEN = BearerTokens.generate();

    private Mnemo mnemo;
    private ChatbotServer server;
    private ChatbotClient ada;

    @BeforeAll
    void start() throws IOException {
        mnemo = Mnemo.builder().config(StoreConfig.of(Map.of("mnemo.tiers", "memory",
                "mnemo.max-content-bytes", String.valueOf(MAX_CONTENT_BYTES)))).build();
        server = ChatbotServer.start(mnemo, new ScriptedChatModel(), BearerTokens.of(Map.of("ada", TOKEN)),
                ChatbotSettings.builder().port(0).maxBodyBytes(16 * 1024).rateBurst(10_000).build());
        ada = new ChatbotClient(server.port(), TOKEN);
    }

    @AfterAll
    void stop() {
        server.close();
        mnemo.close();
    }

    @Test
    void aConversationIsAnsweredFromAContextThatGrowsEachTurn() throws Exception {
        String id = ada.create();
        JsonNode fresh = ada.context(id);
        assertThat(roles(fresh)).containsExactly("system");
        assertThat(fresh.at("/messages/0/content").asText()).isEqualTo(Conversation.SYSTEM_PROMPT);

        JsonNode first = ada.say(id, "Hi, my name is Ada");
        assertThat(first.get("answer").asText()).isEqualTo("Nice to meet you, Ada.");
        assertThat(first.get("tier").asText()).isEqualTo("memory");
        assertThat(first.get("degraded").asBoolean()).isFalse();
        assertThat(UUID.fromString(first.get("messageId").asText())).isNotEqualTo(UUID.fromString(first.get("answerId").asText()));
        JsonNode afterFirst = ada.context(id);
        assertThat(roles(afterFirst)).containsExactly("system", "user", "assistant");

        JsonNode second = ada.say(id, "What is the weather like?");
        assertThat(second.get("answer").asText()).isEqualTo(
                "You said: \"What is the weather like?\". I can see 2 earlier message(s) of this conversation.");
        JsonNode afterSecond = ada.context(id);
        assertThat(afterSecond.at("/tokens/total").asInt()).isGreaterThan(afterFirst.at("/tokens/total").asInt());

        assertThat(ada.say(id, "Do you remember my name?").get("answer").asText()).isEqualTo("Your name is Ada.");
        JsonNode afterThird = ada.context(id);
        assertThat(roles(afterThird)).containsExactly("system", "user", "assistant", "user", "assistant", "user", "assistant");
        assertThat(afterThird.at("/messages/6/content").asText()).isEqualTo("Your name is Ada.");
        assertThat(afterThird.at("/tokens/budget").asInt()).isEqualTo(8_000);
        assertThat(afterThird.get("sessionId").asText()).isEqualTo(id);
    }

    @Test
    void anotherSessionKnowsNothingOfTheFirst() throws Exception {
        ada.say(ada.create(), "Hi, my name is Grace");
        assertThat(ada.say(ada.create(), "What is my name?").get("answer").asText()).isEqualTo("You have not told me your name.");
    }

    @Test
    void eachNewSessionGetsItsOwnUnguessableId() throws Exception {
        String one = ada.create();
        String other = ada.create();
        assertThat(one).isNotEqualTo(other).matches("[A-Za-z0-9_-]{22}");
    }

    @Test
    void aBadSessionIdIs400() throws Exception {
        assertError(ada.send("POST", "/sessions/bad%20id/messages", body("hi")), 400, "Invalid session id \"bad id\"");
        assertError(ada.send("GET", "/sessions/bad%21id/context", null), 400, "Invalid session id \"bad!id\"");
        // An encoded '/' never splits a path into other segments: Jetty refuses it as ambiguous.
        assertError(ada.send("GET", "/sessions/a%2Fb/context", null), 400, "");
    }

    @Test
    void aMalformedOrIncompleteBodyIs400() throws Exception {
        String messages = "/sessions/" + ada.create() + "/messages";
        assertError(ada.send("POST", messages, "{not json"), 400, "Malformed JSON body");
        assertError(ada.send("POST", messages, "{\"content\":\"hi\"} trailing"), 400, "Malformed JSON body");
        assertError(ada.send("POST", messages, ""), 400, "must be a JSON object");
        assertError(ada.send("POST", messages, "[\"hi\"]"), 400, "must be a JSON object");
        assertError(ada.send("POST", messages, "{\"content\":\"  \"}"), 400, "\"content\" must be a non-blank string");
        assertError(ada.send("POST", messages, "{\"content\":7}"), 400, "\"content\" must be a non-blank string");
    }

    @Test
    void aUserIdInTheBodyIsRefusedNotObeyed() throws Exception {
        String id = ada.create();
        assertError(ada.send("POST", "/sessions/" + id + "/messages", "{\"content\":\"hi\",\"userId\":\"eve\"}"), 400,
                "the user is the bearer token's");
        assertThat(roles(ada.context(id))).containsExactly("system");
    }

    @Test
    void aSessionNeverOpenedIs404() throws Exception {
        String id = "chat-" + UUID.randomUUID();
        assertError(ada.send("GET", "/sessions/" + id + "/context", null), 404, "Session not found: " + id);
        assertError(ada.send("POST", "/sessions/" + id + "/messages", body("hi")), 404, "Session not found: " + id);
        assertError(ada.send("POST", "/sessions/" + id + "/end", ""), 404, "Session not found: " + id);
        assertError(ada.send("GET", "/nowhere", null), 404, "No such endpoint");
        assertError(ada.send("GET", "/sessions/" + id + "/history", null), 404, "No such endpoint");
    }

    @Test
    void aWrongMethodIs405AndSaysWhichIsAllowed() throws Exception {
        HttpResponse<String> put = ada.send("PUT", "/sessions/" + ada.create() + "/messages", body("hi"));
        assertError(put, 405, "use POST");
        assertThat(put.headers().firstValue("Allow")).contains("POST");
        HttpResponse<String> get = ada.send("GET", "/sessions/some-id", null);
        assertError(get, 405, "use DELETE");
        assertThat(get.headers().firstValue("Allow")).contains("DELETE");
        assertThat(ada.send("GET", "/sessions", null).headers().firstValue("Allow")).contains("POST");
    }

    @Test
    void anEndedSessionTakesNoMoreMessages409() throws Exception {
        String id = ada.create();
        ada.say(id, "Hello");
        assertThat(json(ada.send("POST", "/sessions/" + id + "/end", "")).get("ended").asBoolean()).isTrue();
        assertThat(json(ada.send("POST", "/sessions/" + id + "/end", "")).get("ended").asBoolean()).isFalse();
        assertError(ada.send("POST", "/sessions/" + id + "/messages", body("Still there?")), 409, "has ended");
    }

    @Test
    void contentOverTheLimitIs413AndStoresNothing() throws Exception {
        String id = ada.create();
        assertError(ada.send("POST", "/sessions/" + id + "/messages", body("a".repeat(MAX_CONTENT_BYTES + 1))), 413,
                "over the limit of 1024 (mnemo.max-content-bytes)");
        assertThat(roles(ada.context(id))).containsExactly("system");
        assertThat(ada.say(id, "a".repeat(MAX_CONTENT_BYTES)).get("answer").asText()).startsWith("You said:");
    }

    @Test
    void aBodyOverTheCapIs413BeforeItIsParsed() throws Exception {
        // Not JSON at all: a 400 would mean the server read and parsed it.
        assertError(ada.send("POST", "/sessions/" + ada.create() + "/messages", "x".repeat(17 * 1024)), 413,
                "The body is over 16384 bytes (mnemo.chatbot.max-body-bytes)");
    }

    @Test
    void aDeletedSessionIs404() throws Exception {
        String id = ada.create();
        ada.say(id, "Forget me");
        assertThat(json(ada.send("DELETE", "/sessions/" + id, null)).get("deleted").asBoolean()).isTrue();
        assertError(ada.send("GET", "/sessions/" + id + "/context", null), 404, "Session not found");
        assertError(ada.send("DELETE", "/sessions/" + id, null), 404, "Session not found");
    }

    private static List<String> roles(JsonNode context) {
        return StreamSupport.stream(context.get("messages").spliterator(), false).map(m -> m.get("role").asText()).toList();
    }
}
