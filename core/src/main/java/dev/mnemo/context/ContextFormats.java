package dev.mnemo.context;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mnemo.Message;
import dev.mnemo.ToolCall;
import dev.mnemo.JsonCodec;
import java.util.List;
import java.util.Locale;

/** The wire and text forms of a context's messages. */
final class ContextFormats {

    private ContextFormats() {
    }

    /**
     * The OpenAI chat-completions form: {@code role}, {@code content}, optional {@code name},
     * {@code tool_call_id} on TOOL results, {@code tool_calls} on assistant calls (whose content
     * is {@code null} when they have none, as the API expects).
     */
    static ArrayNode openAi(List<Message> messages) {
        ArrayNode array = JsonCodec.mapper().createArrayNode();
        for (Message message : messages) {
            ObjectNode node = array.addObject().put("role", role(message));
            if (message.content().isEmpty() && !message.toolCalls().isEmpty()) {
                node.putNull("content");
            } else {
                node.put("content", message.content());
            }
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
        return array;
    }

    /**
     * One block per message: {@code role: content}, a TOOL result as {@code tool[call id]: content},
     * and each tool call on its own line as {@code -> name(arguments) [call id]}.
     */
    static String text(List<Message> messages) {
        StringBuilder text = new StringBuilder();
        for (Message message : messages) {
            if (!text.isEmpty()) {
                text.append('\n');
            }
            text.append(role(message));
            if (message.toolCallId() != null) {
                text.append('[').append(message.toolCallId()).append(']');
            }
            text.append(": ").append(message.content());
            for (ToolCall call : message.toolCalls()) {
                text.append("\n  -> ").append(call.name()).append('(').append(call.arguments()).append(") [")
                        .append(call.id()).append(']');
            }
        }
        return text.toString();
    }

    private static String role(Message message) {
        return message.role().name().toLowerCase(Locale.ROOT);
    }
}
