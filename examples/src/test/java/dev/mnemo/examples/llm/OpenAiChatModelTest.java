package dev.mnemo.examples.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.mnemo.Message;
import dev.mnemo.Mnemo;
import dev.mnemo.Role;
import dev.mnemo.SessionId;
import dev.mnemo.context.Context;
import dev.mnemo.context.ContextPolicy;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The OpenAI-compatible client against a fake chat-completions server on loopback. */
class OpenAiChatModelTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private volatile int status = 200;
    private volatile String reply;

    @BeforeEach
    void startFakeModel() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/chat/completions", exchange -> {
            requests.add(JSON.readTree(exchange.getRequestBody()));
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            byte[] body = reply.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stopFakeModel() {
        server.stop(0);
    }

    @Test
    void sendsTheContextAsMessagesAndReturnsTheAnswerWithItsUsage() {
        reply = """
                {"model":"gpt-test-1","choices":[{"message":{"role":"assistant","content":"Paris."}}],
                 "usage":{"prompt_tokens":21,"completion_tokens":2}}""";
        OpenAiChatModel model = new OpenAiChatModel(baseUrl(), "sk-test", "gpt-test");

        Message answer = model.reply(context(Message.system("Be brief."), Message.user("Capital of France?")));

        assertThat(answer.role()).isEqualTo(Role.ASSISTANT);
        assertThat(answer.content()).isEqualTo("Paris.");
        assertThat(answer.metadata()).containsEntry("model", "gpt-test-1").containsEntry("tokensIn", 21)
                .containsEntry("tokensOut", 2);
        JsonNode sent = requests.get(0);
        assertThat(sent.get("model").asText()).isEqualTo("gpt-test");
        assertThat(sent.at("/messages/0/role").asText()).isEqualTo("system");
        assertThat(sent.at("/messages/1/content").asText()).isEqualTo("Capital of France?");
        assertThat(authorizations).containsExactly("Bearer sk-test");
    }

    @Test
    void sendsNoAuthorizationWithoutAKey() {
        reply = "{\"choices\":[{\"message\":{\"content\":\"Hi.\"}}]}";
        Message answer = new OpenAiChatModel(baseUrl(), null, "local").reply(context(Message.user("Hello")));
        assertThat(answer.metadata()).containsEntry("model", "local").doesNotContainKey("tokensIn");
        assertThat(authorizations).containsExactly("null");
    }

    @Test
    void aRefusalOrAReplyWithoutContentIsAChatModelException() {
        OpenAiChatModel model = new OpenAiChatModel(baseUrl(), "sk-test", "gpt-test");
        status = 429;
        reply = "{\"error\":{\"message\":\"Rate limit reached\"}}";
        assertThatThrownBy(() -> model.reply(context(Message.user("Hello"))))
                .isInstanceOf(ChatModelException.class).hasMessageContaining("answered 429").hasMessageContaining("Rate limit");
        status = 200;
        reply = "{\"choices\":[]}";
        assertThatThrownBy(() -> model.reply(context(Message.user("Hello"))))
                .isInstanceOf(ChatModelException.class).hasMessageContaining("no message content");
    }

    @Test
    void isConfiguredByTheEnvironmentOnlyWhenAUrlOrAKeyIsSet() {
        assertThat(OpenAiChatModel.fromEnvironment(Map.of())).isEmpty();
        assertThat(OpenAiChatModel.fromEnvironment(Map.of("OPENAI_MODEL", "gpt-x"))).isEmpty();
        OpenAiChatModel keyed = OpenAiChatModel.fromEnvironment(Map.of("OPENAI_API_KEY", "sk-1")).orElseThrow();
        assertThat(keyed.endpoint()).hasToString("https://api.openai.com/v1/chat/completions");
        assertThat(keyed.model()).isEqualTo(OpenAiChatModel.DEFAULT_MODEL);
        OpenAiChatModel local = OpenAiChatModel.fromEnvironment(
                Map.of("OPENAI_BASE_URL", "http://localhost:11434/v1/", "OPENAI_MODEL", "llama3")).orElseThrow();
        assertThat(local.endpoint()).hasToString("http://localhost:11434/v1/chat/completions");
        assertThat(local.model()).isEqualTo("llama3");
    }

    private URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
    }

    private static Context context(Message... messages) {
        try (Mnemo mnemo = Mnemo.ephemeral()) {
            SessionId id = SessionId.of("model-test");
            mnemo.blocking().openSession(id, null);
            mnemo.blocking().append(id, messages);
            return mnemo.blocking().context(id, ContextPolicy.systemPrompt().then(ContextPolicy.lastMessages(10)));
        }
    }
}
