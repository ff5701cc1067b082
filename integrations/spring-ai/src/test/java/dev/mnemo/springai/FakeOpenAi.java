package dev.mnemo.springai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.mnemo.JsonCodec;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OpenAI-compatible chat-completions server on loopback: it records every request body and
 * answers with the scripted replies in order, then with {@code "echo: <last user message>"}.
 */
final class FakeOpenAi implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private final Queue<ObjectNode> script = new ConcurrentLinkedQueue<>();
    private final AtomicInteger ids = new AtomicInteger();
    /** The scripted failure, compared by identity. */
    private static final ObjectNode FAILURE = JsonCodec.mapper().createObjectNode();

    FakeOpenAi() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/chat/completions", this::complete);
        server.setExecutor(executor);
        server.start();
    }

    /** @return the base URL to give the OpenAI client */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** Scripts the next reply: a plain answer. */
    FakeOpenAi replyText(String content) {
        ObjectNode message = JsonCodec.mapper().createObjectNode().put("role", "assistant").put("content", content);
        script.add(choice(message, "stop"));
        return this;
    }

    /** Scripts the next reply: one call of {@code tool}. */
    FakeOpenAi replyToolCall(String callId, String tool, String argumentsJson) {
        ObjectNode message = JsonCodec.mapper().createObjectNode().put("role", "assistant").putNull("content");
        ObjectNode call = message.putArray("tool_calls").addObject().put("id", callId).put("type", "function");
        call.putObject("function").put("name", tool).put("arguments", argumentsJson);
        script.add(choice(message, "tool_calls"));
        return this;
    }

    /** Scripts the next reply: a failure (HTTP 500), as a model that timed out behind a gateway gives. */
    FakeOpenAi replyFailure() {
        script.add(FAILURE);
        return this;
    }

    /** @return the bodies of the requests received so far, in order */
    List<JsonNode> requests() {
        return new ArrayList<>(requests);
    }

    /** @return the {@code messages} array of request {@code index} */
    ArrayNode messagesOf(int index) {
        return (ArrayNode) requests.get(index).get("messages");
    }

    private void complete(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode request = JsonCodec.mapper().readTree(exchange.getRequestBody());
            requests.add(request);
            ObjectNode choice = script.poll();
            if (choice == FAILURE) {
                byte[] error = "{\"error\":{\"message\":\"scripted failure\",\"type\":\"test\"}}".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(500, error.length);
                exchange.getResponseBody().write(error);
                return;
            }
            if (choice == null) {
                choice = echo(request);
            }
            ObjectNode response = JsonCodec.mapper().createObjectNode().put("id", "chatcmpl-" + ids.incrementAndGet())
                    .put("object", "chat.completion").put("created", 1_700_000_000L).put("model", "gpt-4o-mini");
            response.putArray("choices").add(choice);
            response.putObject("usage").put("prompt_tokens", 10).put("completion_tokens", 5).put("total_tokens", 15);
            byte[] body = JsonCodec.write(response).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static ObjectNode echo(JsonNode request) {
        String lastUser = "";
        for (JsonNode message : request.get("messages")) {
            if ("user".equals(message.path("role").asText())) {
                lastUser = message.path("content").asText();
            }
        }
        ObjectNode message = JsonCodec.mapper().createObjectNode().put("role", "assistant").put("content", "echo: " + lastUser);
        return choice(message, "stop");
    }

    private static ObjectNode choice(ObjectNode message, String finishReason) {
        ObjectNode choice = JsonCodec.mapper().createObjectNode().put("index", 0).put("finish_reason", finishReason);
        choice.set("message", message);
        return choice;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
