package dev.mnemo.context;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mnemo.Message;
import dev.mnemo.SessionId;
import dev.mnemo.Summary;
import dev.mnemo.ToolCall;
import dev.mnemo.spi.JsonCodec;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What to send to the LLM for one turn: the session's summary and the chosen messages, with
 * their token totals from the counts stored at append.
 *
 * @param sessionId the session
 * @param summary   the rolling summary, if any; it stands before the messages
 * @param messages  the chosen messages, oldest first
 * @param tokens    the summary's and the messages' stored token counts added up
 * @param tier      the tier that served the read
 * @param degraded  whether a preferred tier was skipped because it was down
 */
public record Context(SessionId sessionId, Optional<Summary> summary, List<Message> messages, int tokens,
                      String tier, boolean degraded) {

    /** Copies the list. */
    public Context {
        messages = List.copyOf(messages);
    }

    /**
     * The messages in the OpenAI chat-completions format: a {@code messages} array, the summary
     * first as a system message.
     *
     * @return the JSON array text
     */
    public String toOpenAiJson() {
        ArrayNode array = JsonCodec.mapper().createArrayNode();
        summary.ifPresent(s -> array.addObject().put("role", "system")
                .put("content", "Summary of the earlier conversation: " + s.text()));
        for (Message message : messages) {
            ObjectNode node = array.addObject()
                    .put("role", message.role().name().toLowerCase(Locale.ROOT))
                    .put("content", message.content());
            if (message.name() != null) {
                node.put("name", message.name());
            }
            if (message.toolCallId() != null) {
                node.put("tool_call_id", message.toolCallId());
            }
            if (!message.toolCalls().isEmpty()) {
                ArrayNode calls = node.putArray("tool_calls");
                for (ToolCall call : message.toolCalls()) {
                    ObjectNode entry = calls.addObject().put("id", call.id()).put("type", "function");
                    entry.putObject("function").put("name", call.name()).put("arguments", call.arguments());
                }
            }
        }
        return JsonCodec.write(array);
    }
}
