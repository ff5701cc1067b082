package dev.mnemo.examples.chatbot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mnemo.Mnemo;
import dev.mnemo.spi.StoreConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Drives the chatbot backend over HTTP, on an ephemeral port, on the embedded memory tier. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS) // one server serves every test; each uses its own sessions
class ChatbotServerTest {

    private static final int MAX_CONTENT_BYTES = 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private Mnemo mnemo;
    private ChatbotServer server;

    @BeforeAll
    void start() throws IOException {
        mnemo = Mnemo.builder().config(StoreConfig.of(Map.of("mnemo.tiers", "memory",
                "mnemo.max-content-bytes", String.valueOf(MAX_CONTENT_BYTES)))).build();
        server = ChatbotServer.start(mnemo, new ScriptedChatModel(), new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    @AfterAll
    void stop() {
        server.close();
        mnemo.close();
    }

    @Test
    void aConversationIsAnsweredFromAContextThatGrowsEachTurn() throws Exception {
        String id = newId();

        JsonNode first = say(id, "Hi, my name is Ada", "ada");
        assertThat(first.get("answer").asText()).isEqualTo("Nice to meet you, Ada.");
        assertThat(first.get("tier").asText()).isEqualTo("memory");
        assertThat(first.get("degraded").asBoolean()).isFalse();
        JsonNode afterFirst = context(id);
        assertThat(roles(afterFirst)).containsExactly("system", "user", "assistant");
        assertThat(afterFirst.at("/messages/0/content").asText()).isEqualTo(Conversation.SYSTEM_PROMPT);

        JsonNode second = say(id, "What is the weather like?", "ada");
        assertThat(second.get("answer").asText()).isEqualTo(
                "You said: \"What is the weather like?\". I can see 2 earlier message(s) of this conversation.");
        JsonNode afterSecond = context(id);
        assertThat(roles(afterSecond)).hasSize(5);
        assertThat(afterSecond.at("/tokens/total").asInt()).isGreaterThan(afterFirst.at("/tokens/total").asInt());

        JsonNode third = say(id, "Do you remember my name?", "ada");
        assertThat(third.get("answer").asText()).isEqualTo("Your name is Ada.");
        JsonNode afterThird = context(id);
        assertThat(roles(afterThird)).containsExactly("system", "user", "assistant", "user", "assistant", "user", "assistant");
        assertThat(afterThird.at("/messages/6/content").asText()).isEqualTo("Your name is Ada.");
        assertThat(afterThird.at("/tokens/total").asInt()).isGreaterThan(afterSecond.at("/tokens/total").asInt());
        assertThat(afterThird.at("/tokens/budget").asInt()).isEqualTo(8_000);
        assertThat(afterThird.get("sessionId").asText()).isEqualTo(id);
    }

    @Test
    void anotherSessionKnowsNothingOfTheFirst() throws Exception {
        say(newId(), "Hi, my name is Grace", null);
        assertThat(say(newId(), "What is my name?", null).get("answer").asText()).isEqualTo("You have not told me your name.");
    }

    @Test
    void aBadSessionIdIs400() throws Exception {
        assertError(send("POST", "/sessions/bad%20id/messages", "{\"content\":\"hi\"}"), 400, "Invalid session id 'bad id'");
        assertError(send("GET", "/sessions/a%2Fb/context", null), 400, "Invalid session id 'a/b'");
    }

    @Test
    void aMalformedOrIncompleteBodyIs400() throws Exception {
        String messages = "/sessions/" + newId() + "/messages";
        assertError(send("POST", messages, "{not json"), 400, "Malformed JSON body");
        assertError(send("POST", messages, "[\"hi\"]"), 400, "must be a JSON object");
        assertError(send("POST", messages, "{\"content\":\"  \"}"), 400, "\"content\" must be a non-blank string");
        assertError(send("POST", messages, "{\"content\":\"hi\",\"userId\":7}"), 400, "\"userId\" must be a string");
        assertError(send("POST", messages, "{\"content\":\"hi\",\"userId\":\"no spaces\"}"), 400, "Invalid user id");
    }

    @Test
    void aSessionNeverOpenedIs404() throws Exception {
        String id = newId();
        assertError(send("GET", "/sessions/" + id + "/context", null), 404, "Session not found");
        assertError(send("POST", "/sessions/" + id + "/end", ""), 404, "Session not found");
        assertError(send("GET", "/nowhere", null), 404, "No such endpoint");
        assertError(send("GET", "/sessions/" + id + "/history", null), 404, "No such endpoint");
    }

    @Test
    void aWrongMethodIs405AndSaysWhichIsAllowed() throws Exception {
        HttpResponse<String> put = send("PUT", "/sessions/" + newId() + "/messages", "{\"content\":\"hi\"}");
        assertError(put, 405, "use POST");
        assertThat(put.headers().firstValue("Allow")).contains("POST");
        HttpResponse<String> get = send("GET", "/sessions/" + newId(), null);
        assertError(get, 405, "use DELETE");
        assertThat(get.headers().firstValue("Allow")).contains("DELETE");
    }

    @Test
    void anEndedSessionTakesNoMoreMessages409() throws Exception {
        String id = newId();
        say(id, "Hello", "ada");
        assertThat(json(send("POST", "/sessions/" + id + "/end", "")).get("ended").asBoolean()).isTrue();
        assertThat(json(send("POST", "/sessions/" + id + "/end", "")).get("ended").asBoolean()).isFalse();
        assertError(send("POST", "/sessions/" + id + "/messages", body("Still there?", "ada")), 409, "has ended");
    }

    @Test
    void anotherUsersSessionIs409() throws Exception {
        String id = newId();
        say(id, "Hello", "ada");
        assertError(send("POST", "/sessions/" + id + "/messages", body("Hello", "eve")), 409, "belongs to another user");
    }

    @Test
    void contentOverTheLimitIs413AndOpensNoSession() throws Exception {
        String id = newId();
        assertError(send("POST", "/sessions/" + id + "/messages", body("a".repeat(MAX_CONTENT_BYTES + 1), null)), 413,
                "over the limit of 1024 (mnemo.max-content-bytes)");
        assertError(send("GET", "/sessions/" + id + "/context", null), 404, "Session not found");
        assertThat(say(id, "a".repeat(MAX_CONTENT_BYTES), null).get("answer").asText()).startsWith("You said:");
    }

    @Test
    void aBodyOverTheCapIs413BeforeItIsParsed() throws Exception {
        // Not JSON at all: a 400 would mean the server read and parsed it.
        assertError(send("POST", "/sessions/" + newId() + "/messages", "x".repeat(30_000)), 413, "The body is over");
    }

    @Test
    void aDeletedSessionIs404() throws Exception {
        String id = newId();
        say(id, "Forget me", "ada");
        assertThat(json(send("DELETE", "/sessions/" + id, null)).get("deleted").asBoolean()).isTrue();
        assertError(send("GET", "/sessions/" + id + "/context", null), 404, "Session not found");
        assertError(send("DELETE", "/sessions/" + id, null), 404, "Session not found");
    }

    @Test
    void thePortComesFromTheArgumentOrPortElseTheDefault() {
        assertThat(ChatbotServer.port(null)).isEqualTo(ChatbotServer.DEFAULT_PORT);
        assertThat(ChatbotServer.port(" 9090 ")).isEqualTo(9090);
        assertThatThrownBy(() -> ChatbotServer.port("http")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Not a port: 'http'");
        assertThatThrownBy(() -> ChatbotServer.port("70000")).isInstanceOf(IllegalArgumentException.class);
    }

    private static String newId() {
        return "chat-" + UUID.randomUUID();
    }

    private static String body(String content, String userId) {
        ObjectNode body = JSON.createObjectNode().put("content", content);
        if (userId != null) {
            body.put("userId", userId);
        }
        return body.toString();
    }

    private JsonNode say(String id, String content, String userId) throws Exception {
        HttpResponse<String> response = send("POST", "/sessions/" + id + "/messages", body(content, userId));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    private JsonNode context(String id) throws Exception {
        HttpResponse<String> response = send("GET", "/sessions/" + id + "/context", null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    private static List<String> roles(JsonNode context) {
        return StreamSupport.stream(context.get("messages").spliterator(), false).map(m -> m.get("role").asText()).toList();
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json; charset=utf-8");
        return JSON.readTree(response.body());
    }

    private static void assertError(HttpResponse<String> response, int status, String message) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode error = json(response);
        assertThat(error.get("status").asInt()).isEqualTo(status);
        assertThat(error.get("error").asText()).contains(message);
    }
}
