package dev.mnemo.examples.chatbot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mnemo.Message;
import dev.mnemo.Mnemo;
import dev.mnemo.StoreUnavailableException;
import dev.mnemo.examples.llm.ChatModel;
import dev.mnemo.spi.Capabilities;
import dev.mnemo.spi.MemoryStore;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** What the backend answers when what it depends on fails: the tiers (503) or the model (502). */
class ChatbotServerFailuresTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void noTierServingIs503() throws Exception {
        try (Mnemo mnemo = Mnemo.builder().tiers(downStore()).build();
             ChatbotServer server = start(mnemo, new ScriptedChatModel())) {
            JsonNode error = post(server, "{\"content\":\"Anyone there?\"}", 503);
            assertThat(error.get("error").asText()).contains("down");
        }
    }

    @Test
    void anAnswerTheModelCannotGiveIs502() throws Exception {
        ChatModel oversized = context -> Message.assistant("x".repeat(300_000)); // over the 256 KiB default
        try (Mnemo mnemo = Mnemo.ephemeral(); ChatbotServer server = start(mnemo, oversized)) {
            JsonNode error = post(server, "{\"content\":\"Tell me everything\"}", 502);
            assertThat(error.get("error").asText()).startsWith("The model's answer was refused");
        }
    }

    private static ChatbotServer start(Mnemo mnemo, ChatModel model) throws Exception {
        return ChatbotServer.start(mnemo, model, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    private JsonNode post(ChatbotServer server, String body, int status) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + "/sessions/s-1/messages"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode json = JSON.readTree(response.body());
        assertThat(json.get("status").asInt()).isEqualTo(status);
        return json;
    }

    /** A tier whose every call fails as a server that is down does. */
    private static MemoryStore downStore() {
        StoreUnavailableException down = new StoreUnavailableException("down", "switched off for the test", null);
        return (MemoryStore) Proxy.newProxyInstance(MemoryStore.class.getClassLoader(), new Class<?>[] {MemoryStore.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "name" -> "down";
                    case "capabilities" -> new Capabilities(false, false, 0, null);
                    case "close" -> null;
                    case "toString" -> "down store";
                    default -> {
                        if (!CompletionStage.class.isAssignableFrom(method.getReturnType())) {
                            throw new UnsupportedOperationException(method.getName());
                        }
                        yield CompletableFuture.failedFuture(down);
                    }
                });
    }
}
