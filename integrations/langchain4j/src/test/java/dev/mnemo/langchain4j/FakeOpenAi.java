package dev.mnemo.langchain4j;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * An OpenAI-compatible chat-completions server on loopback that answers with scripted replies, in
 * order, and records every request body. Start it with {@link #start()}, close it after the test.
 */
final class FakeOpenAi implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The scripted failure; compared by identity. */
    private static final ObjectNode FAILURE = JSON.createObjectNode();

    private final HttpServer server;
    private final Deque<ObjectNode> replies = new ArrayDeque<>();
    private final List<JsonNode> requests = new ArrayList<>();

    private FakeOpenAi(HttpServer server) {
        this.server = server;
        server.createContext("/v1/chat/completions", this::answer);
    }

    static FakeOpenAi start() throws IOException {
        FakeOpenAi fake = new FakeOpenAi(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
        fake.server.start();
        return fake;
    }

    /** @return the base URL to give the OpenAI client */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** Queues a final answer. */
    synchronized FakeOpenAi thenAnswer(String text) {
        ObjectNode message = JSON.createObjectNode().put("role", "assistant").put("content", text);
        replies.add(completion(message, "stop"));
        return this;
    }

    /** Queues a reply that calls one tool. */
    synchronized FakeOpenAi thenCallTool(String id, String name, String arguments) {
        ObjectNode message = JSON.createObjectNode().put("role", "assistant").putNull("content");
        message.putArray("tool_calls").addObject().put("id", id).put("type", "function")
                .putObject("function").put("name", name).put("arguments", arguments);
        replies.add(completion(message, "tool_calls"));
        return this;
    }

    /** Queues a failure: the model answers 500, as one that timed out behind a gateway would. */
    synchronized FakeOpenAi thenFail() {
        replies.add(FAILURE);
        return this;
    }

    /** @return every request body so far, in order */
    synchronized List<JsonNode> requests() {
        return List.copyOf(requests);
    }

    /** @return the {@code messages} array of every request so far, in order */
    synchronized List<JsonNode> requestMessages() {
        return requests.stream().map(request -> request.get("messages")).toList();
    }

    private static ObjectNode completion(ObjectNode message, String finishReason) {
        ObjectNode completion = JSON.createObjectNode().put("id", "chatcmpl-fake").put("object", "chat.completion")
                .put("created", 1_700_000_000).put("model", "gpt-4o-mini");
        completion.putArray("choices").addObject().put("index", 0).put("finish_reason", finishReason).set("message", message);
        completion.putObject("usage").put("prompt_tokens", 10).put("completion_tokens", 5).put("total_tokens", 15);
        return completion;
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            ObjectNode reply;
            synchronized (this) {
                requests.add(JSON.readTree(exchange.getRequestBody()));
                reply = replies.poll();
            }
            boolean answered = reply != null && reply != FAILURE;
            byte[] body = (answered ? reply.toString() : "{\"error\":{\"message\":\""
                    + (reply == FAILURE ? "scripted failure" : "no scripted reply left") + "\",\"type\":\"test\"}}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(answered ? 200 : 500, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
