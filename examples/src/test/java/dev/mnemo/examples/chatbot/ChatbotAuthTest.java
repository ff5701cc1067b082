package dev.mnemo.examples.chatbot;

import static dev.mnemo.examples.chatbot.ChatbotClient.assertError;
import static dev.mnemo.examples.chatbot.ChatbotClient.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mnemo.Mnemo;
import dev.mnemo.SessionId;
import dev.mnemo.SessionStatus;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Who may call, as whom, and what a caller may touch: the credential names the user, and sessions are the user's own. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChatbotAuthTest {

    private static final String ADA_TOKEN = BearerTokens.generate();
    private static final String GRACE_TOKEN = BearerTokens.generate();

    private Mnemo mnemo;
    private ChatbotServer server;
    private ChatbotClient ada;
    private ChatbotClient grace;

    @BeforeAll
    void start() throws IOException {
        mnemo = Mnemo.ephemeral();
        server = ChatbotServer.start(mnemo, new ScriptedChatModel(),
                BearerTokens.of(Map.of("ada", ADA_TOKEN, "grace", GRACE_TOKEN)),
                ChatbotSettings.builder().port(0).rateBurst(10_000).build());
        ada = new ChatbotClient(server.port(), ADA_TOKEN);
        grace = new ChatbotClient(server.port(), GRACE_TOKEN);
    }

    @AfterAll
    void stop() {
        server.close();
        mnemo.close();
    }

    @Test
    void noCredentialIs401OnEveryEndpointAndAsksForABearerToken() throws Exception {
        ChatbotClient nobody = new ChatbotClient(server.port(), null);
        String id = ada.create();
        for (HttpResponse<String> response : List.of(nobody.send("POST", "/sessions", null),
                nobody.send("POST", "/sessions/" + id + "/messages", body("hi")),
                nobody.send("GET", "/sessions/" + id + "/context", null),
                nobody.send("POST", "/sessions/" + id + "/end", ""), nobody.send("DELETE", "/sessions/" + id, null),
                nobody.send("GET", "/nowhere", null))) {
            assertError(response, 401, "Send Authorization: Bearer <token>");
            assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"mnemo-chatbot\"");
        }
        assertThat(ada.context(id).get("messages")).hasSize(1); // nothing of it changed the session
    }

    @Test
    void aWrongTokenOrAnotherSchemeIs401() throws Exception {
        HttpResponse<String> unknown = new ChatbotClient(server.port(), BearerTokens.generate()).send("POST", "/sessions", null);
        assertError(unknown, 401, "The bearer token is not valid");
        assertThat(unknown.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"mnemo-chatbot\", error=\"invalid_token\"");
        assertError(new ChatbotClient(server.port(), ADA_TOKEN + "x").send("POST", "/sessions", null), 401, "not valid");
        assertError(new ChatbotClient(server.port(), null).send("POST", "/sessions", null, "Authorization", "Basic " + ADA_TOKEN),
                401, "not valid");
        assertError(new ChatbotClient(server.port(), null).send("POST", "/sessions", null, "Authorization", ADA_TOKEN),
                401, "not valid");
    }

    @Test
    void theUserIdComesFromTheToken() throws Exception {
        String id = ada.create();
        assertThat(mnemo.blocking().getSession(SessionId.of(id)).value().orElseThrow().userId()).isEqualTo("ada");
        String graces = grace.create();
        assertThat(mnemo.blocking().getSession(SessionId.of(graces)).value().orElseThrow().userId()).isEqualTo("grace");
    }

    @Test
    void anotherUsersSessionCannotBeReadWrittenEndedOrDeleted404() throws Exception {
        String id = ada.create();
        ada.say(id, "Hi, my name is Ada");
        String path = "/sessions/" + id;

        JsonNode read = assertError(grace.send("GET", path + "/context", null), 404, "Session not found: " + id);
        assertError(grace.send("POST", path + "/messages", body("What is her name?")), 404, "Session not found: " + id);
        assertError(grace.send("POST", path + "/end", ""), 404, "Session not found: " + id);
        assertError(grace.send("DELETE", path, null), 404, "Session not found: " + id);

        // Word for word what a session that does not exist answers, so that ids cannot be probed.
        String missing = SessionId.random().value();
        JsonNode none = assertError(grace.send("GET", "/sessions/" + missing + "/context", null), 404, missing);
        assertThat(read.get("error").asText().replace(id, "ID")).isEqualTo(none.get("error").asText().replace(missing, "ID"));

        // Ada's session is untouched: not ended, not deleted, no message of Grace's.
        assertThat(mnemo.blocking().getSession(SessionId.of(id)).value().orElseThrow().status()).isEqualTo(SessionStatus.ACTIVE);
        assertThat(ada.context(id).get("messages")).hasSize(3);
        assertThat(ada.say(id, "What is my name?").get("answer").asText()).isEqualTo("Your name is Ada.");
    }

    @Test
    void theDefaultBindIsLoopbackOnly() throws Exception {
        assertThat(ChatbotSettings.ofDefaults().host()).isEqualTo("127.0.0.1");
        try (ChatbotServer defaults = ChatbotServer.start(mnemo, new ScriptedChatModel(),
                BearerTokens.of(Map.of("ada", ADA_TOKEN)), ChatbotSettings.ofDefaults().toBuilder().port(0).build())) {
            assertThat(defaults.address().getAddress().isLoopbackAddress()).isTrue();
            assertThat(new ChatbotClient(defaults.port(), ADA_TOKEN).create()).isNotBlank();
        }
    }

    @Test
    void aServerWithoutTokensDoesNotStart() {
        assertThatThrownBy(() -> ChatbotServer.start(mnemo, new ScriptedChatModel(),
                        BearerTokens.of(Map.of()), ChatbotSettings.builder().port(0).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mnemo.chatbot.tokens");
    }
}
