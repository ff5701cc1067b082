package dev.mnemo.examples.chatbot;

import static dev.mnemo.examples.chatbot.ChatbotClient.assertError;
import static dev.mnemo.examples.chatbot.ChatbotClient.body;

import dev.mnemo.Message;
import dev.mnemo.Mnemo;
import dev.mnemo.StoreUnavailableException;
import dev.mnemo.examples.llm.ChatModel;
import dev.mnemo.spi.Capabilities;
import dev.mnemo.spi.MemoryStore;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** What the backend answers when what it depends on fails: the tiers (503) or the model (502). */
class ChatbotServerFailuresTest {

    private static final String TOKEN = BearerTokens.generate();

    @Test
    void noTierServingIs503() throws Exception {
        try (Mnemo mnemo = Mnemo.builder().tiers(downStore()).build();
             ChatbotServer server = start(mnemo, new ScriptedChatModel())) {
            assertError(new ChatbotClient(server.port(), TOKEN).send("POST", "/sessions", null), 503, "down");
        }
    }

    @Test
    void anAnswerTheModelCannotGiveIs502() throws Exception {
        ChatModel oversized = context -> Message.assistant("x".repeat(300_000)); // over the 256 KiB default
        try (Mnemo mnemo = Mnemo.ephemeral(); ChatbotServer server = start(mnemo, oversized)) {
            ChatbotClient ada = new ChatbotClient(server.port(), TOKEN);
            assertError(ada.send("POST", "/sessions/" + ada.create() + "/messages", body("Tell me everything")), 502,
                    "The model's answer was refused");
        }
    }

    private static ChatbotServer start(Mnemo mnemo, ChatModel model) throws Exception {
        return ChatbotServer.start(mnemo, model, BearerTokens.of(Map.of("ada", TOKEN)), ChatbotSettings.builder().port(0).build());
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
