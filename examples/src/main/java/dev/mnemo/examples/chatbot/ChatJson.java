package dev.mnemo.examples.chatbot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mnemo.context.Context;
import dev.mnemo.context.TokenTotals;
import java.nio.charset.StandardCharsets;

/** The JSON of the chatbot's requests and responses. */
final class ChatJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * The body of {@code POST /sessions/{id}/messages}.
     *
     * @param content what the user said
     * @param userId  the owner of the session, or {@code null} for an anonymous one
     */
    record ChatRequest(String content, String userId) {
    }

    private ChatJson() {
    }

    /**
     * @param body {@code {"content": "...", "userId": "..."}}, the user id optional
     * @return the request
     * @throws RequestException (400) when the body is not such an object
     */
    static ChatRequest request(byte[] body) {
        JsonNode json;
        try {
            json = MAPPER.readTree(new String(body, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new RequestException(400, "Malformed JSON body: " + e.getOriginalMessage());
        }
        if (json == null || !json.isObject()) {
            throw new RequestException(400, "The body must be a JSON object such as {\"content\": \"Hello\"}");
        }
        JsonNode content = json.path("content");
        if (!content.isTextual() || content.asText().isBlank()) {
            throw new RequestException(400, "\"content\" must be a non-blank string");
        }
        JsonNode userId = json.path("userId");
        if (!userId.isMissingNode() && !userId.isNull() && !userId.isTextual()) {
            throw new RequestException(400, "\"userId\" must be a string when given");
        }
        return new ChatRequest(content.asText(), userId.isTextual() ? userId.asText() : null);
    }

    /** @return {@code {"answer": ..., "tier": ..., "degraded": ...}} */
    static ObjectNode turn(Conversation.Turn turn) {
        return MAPPER.createObjectNode().put("answer", turn.answer()).put("tier", turn.tier())
                .put("degraded", turn.degraded());
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
