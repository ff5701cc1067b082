package dev.mnemo.examples.chatbot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** Calls a running chatbot backend over HTTP/1.1 as one user (or none), and checks its JSON. */
final class ChatbotClient {

    static final ObjectMapper JSON = new ObjectMapper();
    /** How long any one call may take: generous, so a slow machine never fails a test that is not about time. */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(20);

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CALL_TIMEOUT).build();

    private final int port;
    private final String token;

    /**
     * @param port  the server's port on 127.0.0.1
     * @param token the bearer token to send, or {@code null} to send none
     */
    ChatbotClient(int port, String token) {
        this.port = port;
        this.token = token;
    }

    /** @return a new session of this client's user */
    String create() throws Exception {
        HttpResponse<String> response = send("POST", "/sessions", null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        String id = json(response).get("sessionId").asText();
        assertThat(response.headers().firstValue("Location")).contains("/sessions/" + id);
        return id;
    }

    /** @return the answer of a turn that must succeed */
    JsonNode say(String session, String content) throws Exception {
        HttpResponse<String> response = send("POST", "/sessions/" + session + "/messages", body(content));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    /** @return the context of a session that must be readable */
    JsonNode context(String session) throws Exception {
        HttpResponse<String> response = send("GET", "/sessions/" + session + "/context", null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    HttpResponse<String> send(String method, String path, String body, String... headers) throws Exception {
        return HTTP.send(request(method, path, body, headers), HttpResponse.BodyHandlers.ofString());
    }

    CompletableFuture<HttpResponse<String>> sendAsync(String method, String path, String body, String... headers) {
        return HTTP.sendAsync(request(method, path, body, headers), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest request(String method, String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(CALL_TIMEOUT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return request.build();
    }

    static String body(String content) {
        return JSON.createObjectNode().put("content", content).toString();
    }

    static JsonNode json(HttpResponse<String> response) throws IOException {
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json; charset=utf-8");
        return JSON.readTree(response.body());
    }

    /** Checks that {@code response} is the JSON error {@code status} and that its message holds {@code message}. */
    static JsonNode assertError(HttpResponse<String> response, int status, String message) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode error = json(response);
        assertThat(error.get("status").asInt()).isEqualTo(status);
        assertThat(error.get("error").asText()).contains(message);
        return error;
    }
}
