package dev.mnemo.langchain4j;

import dev.mnemo.Message;
import dev.mnemo.Role;
import dev.mnemo.ToolCall;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Tool call ids between LangChain4j and Mnemo.
 *
 * <p><b>Stored ids.</b> Mnemo's {@link ToolCall} takes 1 to {@value #MAX_LENGTH} characters of
 * {@code [A-Za-z0-9._:-]}, which every major provider's ids are ({@code call_...},
 * {@code toolu_...}); an id that is not is stored as {@link SessionIds} stores an invalid memory
 * id, a readable prefix and its SHA-256, the same on the call and on its result, while the
 * original is kept in the message's metadata and given back when read.
 *
 * <p><b>Missing ids.</b> Some providers give tool calls no id. The call at {@code index} of an
 * assistant message whose Mnemo id is {@code m} then gets {@code call-<m>-<index>}: deterministic,
 * unique, valid. A tool result without an id answers the first call, of its tool name if there is
 * one, that the latest assistant tool-call message has no result for yet.
 */
final class ToolCallIds {

    /** The longest id Mnemo's {@link ToolCall} takes. */
    static final int MAX_LENGTH = 256;

    private ToolCallIds() {
    }

    /** @return {@code id} as Mnemo stores it: itself when valid, else a prefix and digest */
    static String stored(String id) {
        return SessionIds.safe(id, MAX_LENGTH);
    }

    /** @return the id of the call at {@code index} of the assistant message {@code messageId}, which had none */
    static String synthesize(UUID messageId, int index) {
        return "call-" + messageId + "-" + index;
    }

    /**
     * @param recent   the latest messages, oldest first
     * @param toolName the tool whose result is looking for its call, or {@code null}
     * @return the stored id of the first call of the latest assistant tool-call message that has no
     *         result yet, one of {@code toolName} if there is one; empty when there is none
     */
    static Optional<String> unanswered(List<Message> recent, String toolName) {
        Set<String> answered = new HashSet<>();
        for (int i = recent.size() - 1; i >= 0; i--) {
            Message message = recent.get(i);
            if (message.role() == Role.TOOL) {
                answered.add(message.toolCallId());
            } else if (!message.toolCalls().isEmpty()) {
                List<ToolCall> open = message.toolCalls().stream().filter(call -> !answered.contains(call.id())).toList();
                return open.stream().filter(call -> call.name().equals(toolName)).findFirst()
                        .or(() -> open.stream().findFirst()).map(ToolCall::id);
            }
        }
        return Optional.empty();
    }
}
