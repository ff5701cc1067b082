package dev.mnemo.context;

import dev.mnemo.Message;
import dev.mnemo.Role;
import dev.mnemo.ToolCall;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Splits messages into the units a window may keep or drop: an assistant message with tool
 * calls together with the TOOL results right after it that answer those calls, or any other
 * single message. Chat APIs reject a TOOL result whose call is not sent before it, so a result
 * whose call is not in the list (its call fell out of the window) belongs to no unit and is left out.
 */
final class ToolGroups {

    private ToolGroups() {
    }

    /** @return the units of {@code messages}, oldest first, without TOOL results whose call is absent */
    static List<List<Message>> of(List<Message> messages) {
        List<List<Message>> units = new ArrayList<>();
        List<Message> open = null;
        Set<String> openCalls = new HashSet<>();
        for (Message message : messages) {
            if (message.role() == Role.TOOL) {
                if (open != null && openCalls.contains(message.toolCallId())) {
                    open.add(message);
                }
                continue;
            }
            open = null;
            openCalls.clear();
            List<Message> unit = new ArrayList<>(List.of(message));
            units.add(unit);
            if (message.role() == Role.ASSISTANT && !message.toolCalls().isEmpty()) {
                open = unit;
                message.toolCalls().stream().map(ToolCall::id).forEach(openCalls::add);
            }
        }
        return units;
    }

    /** @return {@code messages} without the TOOL results whose call is not before them */
    static List<Message> withoutOrphans(List<Message> messages) {
        return flatten(of(messages));
    }

    /** @return the messages of {@code units}, in order */
    static List<Message> flatten(List<List<Message>> units) {
        List<Message> messages = new ArrayList<>();
        units.forEach(messages::addAll);
        return messages;
    }
}
