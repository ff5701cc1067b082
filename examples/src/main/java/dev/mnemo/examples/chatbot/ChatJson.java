package dev.mnemo.examples.chatbot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mnemo.SessionId;
import dev.mnemo.context.Context;
import dev.mnemo.context.TokenTotals;
import java.nio.charset.StandardCharsets;

/** The JSON of the chatbot's requests and responses. */
final class ChatJson {

    /** Strict about what follows the object: {@code {"content": "hi"} junk} is malformed, not "hi". */
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private ChatJson() {
    }

    /**
     * @param body {@code {"content": "..."}}
     * @return the content
     * @throws RequestException (400) when the body is not such an object, or names a user: the user
     *                          is the one the bearer token stands for, and no body can say otherwise
     */
    static String content(byte[] body) {
        JsonNode json;
        try {
            json = MAPPER.readTree(new String(body, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new RequestException(400, "Malformed JSON body: " + e.getOriginalMessage());
        }
        if (json == null || !json.isObject()) {
            throw new RequestException(400, "The body must be a JSON object such as {\"content\": \"Hello\"}");
        }
        if (json.has("userId")) {
            throw new RequestException(400, "\"userId\" is not taken from the body: the user is the bearer token's");
        }
        JsonNode content = json.path("content");
        if (!content.isTextual() || content.asText().isBlank()) {
            throw new RequestException(400, "\"content\" must be a non-blank string");
        }
        return content.asText();
    }

    /** @return {@code {"sessionId": id}} */
    static ObjectNode created(SessionId id) {
        return MAPPER.createObjectNode().put("sessionId", id.value());
    }

    /** @return {@code {"answer", "messageId", "answerId", "tier", "degraded"}} */
    static ObjectNode turn(Conversation.Turn turn) {
        return MAPPER.createObjectNode().put("answer", turn.answer()).put("messageId", turn.messageId().toString())
                .put("answerId", turn.answerId().toString()).put("tier", turn.tier()).put("degraded", turn.degraded());
    }

    /**
     * @return the session id, the tier that served the read, whether it was degraded, the
     *         messages as an OpenAI chat-completions {@code messages} array, and the token totals
     */
    static ObjectNode context(Context context) {
        ObjectNode json = MAPPER.createObjectNode().put("sessionId", context.sessionId().value())
                .put("tier", context.tier()).put("degraded", context.degraded());
        json.set("messages", context.toOpenAiMessages());
        TokenTotals totals = context.totals();
        ObjectNode tokens = json.putObject("tokens").put("messages", totals.messages()).put("summary", totals.summary())
                .put("overhead", totals.overhead()).put("total", totals.total());
        totals.budget().ifPresent(budget -> tokens.put("budget", budget));
        tokens.put("overBudget", totals.overBudget());
        return json;
    }

    /** @return {@code {"<name>": value}} */
    static ObjectNode flag(String name, boolean value) {
        return MAPPER.createObjectNode().put(name, value);
    }

    /** @return {@code {"error": message, "status": status}} */
    static ObjectNode error(int status, String message) {
        return MAPPER.createObjectNode().put("error", message).put("status", status);
    }

    /** @return {@code json} as UTF-8 bytes */
    static byte[] bytes(ObjectNode json) {
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }
}
