package dev.mnemo.langchain4j;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.mnemo.InvalidInputException;
import dev.mnemo.Message;
import dev.mnemo.Role;
import dev.mnemo.ToolCall;
import dev.mnemo.JsonCodec;
import dev.mnemo.spi.support.Ids;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Tool calls and their ids between LangChain4j and Mnemo.
 *
 * <p><b>Stored ids.</b> Mnemo's {@link ToolCall} takes 1 to {@value #MAX_LENGTH} characters of
 * {@code [A-Za-z0-9._:-]}, which every major provider's ids are ({@code call_...},
 * {@code toolu_...}); an id that is not is stored as {@link SessionIds} stores an invalid memory
 * id, a readable prefix and its SHA-256, the same on the call and on its result, while the
 * original is kept in the message's metadata and given back when read. So are arguments that are
 * not JSON, stored as {@code {}}.
 *
 * <p><b>Missing ids.</b> Some providers give tool calls no id. The call at {@code index} of an
 * assistant message whose Mnemo id is {@code m} then gets {@code call-<m>-<index>}: deterministic,
 * unique, valid. A tool result without an id answers the first call, of its tool name if there is
 * one, that the latest assistant tool-call message has no result for yet.
 */
final class ToolCalls {

    /** The longest id Mnemo's {@link ToolCall} takes. */
    static final int MAX_LENGTH = 256;

    /** The key, in a message's extra metadata, of what its calls could not hold as given, by index. */
    private static final String ORIGINALS = "originalRequests";

    private ToolCalls() {
    }

    /**
     * @param messageId the Mnemo id of the assistant message
     * @param requests  its LangChain4j tool execution requests
     * @param extra     the message's extra metadata, where what a call cannot hold is put
     * @return the requests as Mnemo tool calls
     */
    static List<ToolCall> toMnemo(UUID messageId, List<ToolExecutionRequest> requests, Map<String, Object> extra) {
        List<ToolCall> calls = new ArrayList<>(requests.size());
        Map<String, Object> originals = new LinkedHashMap<>();
        for (int i = 0; i < requests.size(); i++) {
            ToolExecutionRequest request = requests.get(i);
            Map<String, Object> original = new LinkedHashMap<>();
            String id = missing(request.id()) ? "call-" + messageId + "-" + i : stored(request.id());
            if (!missing(request.id()) && !id.equals(request.id())) {
                original.put("id", request.id());
            }
            String arguments = request.arguments();
            if (!isJson(arguments)) {
                original.put("arguments", arguments);
                arguments = "{}";
            }
            calls.add(new ToolCall(id, request.name(), arguments));
            if (!original.isEmpty()) {
                originals.put(String.valueOf(i), original);
            }
        }
        if (!originals.isEmpty()) {
            extra.put(ORIGINALS, originals);
        }
        return calls;
    }

    /**
     * @param calls the calls of a stored assistant message
     * @param extra its extra metadata; what {@link #toMnemo} put there is taken out
     * @return the calls as the JSON of LangChain4j tool execution requests, as they were given
     */
    static List<Map<String, Object>> toLangChain4j(List<ToolCall> calls, Map<String, Object> extra) {
        Map<?, ?> originals = extra.remove(ORIGINALS) instanceof Map<?, ?> map ? map : Map.of();
        List<Map<String, Object>> requests = new ArrayList<>(calls.size());
        for (int i = 0; i < calls.size(); i++) {
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("id", calls.get(i).id());
            request.put("name", calls.get(i).name());
            request.put("arguments", calls.get(i).arguments());
            if (originals.get(String.valueOf(i)) instanceof Map<?, ?> original) {
                original.forEach((key, value) -> request.put(key.toString(), value));
            }
            requests.add(request);
        }
        return requests;
    }

    /**
     * @param id        the id of a tool result, or {@code null}
     * @param messageId the Mnemo id of the result message
     * @param recent    the messages before it, oldest first, to find its call in when it has no id
     * @param toolName  the result's tool name, or {@code null}
     * @return the call id the result is stored with
     */
    static String resultId(String id, UUID messageId, List<Message> recent, String toolName) {
        return !missing(id) ? stored(id) : unanswered(recent, toolName).orElse("call-" + messageId + "-0");
    }

    /** @return whether a tool result without an id needs messages older than {@code recent} to find its call */
    static boolean needsOlder(String id, List<Message> recent) {
        return missing(id) && recent.stream().allMatch(message -> message.toolCalls().isEmpty());
    }

    private static String stored(String id) {
        return Ids.safe(id, MAX_LENGTH);
    }

    /** The stored id of the first call without a result of the latest tool-call message, of {@code toolName} if any. */
    private static Optional<String> unanswered(List<Message> recent, String toolName) {
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

    private static boolean missing(String id) {
        return id == null || id.isEmpty();
    }

    private static boolean isJson(String text) {
        if (text == null) {
            return false;
        }
        try {
            JsonCodec.requireJson("tool arguments", text);
            return true;
        } catch (InvalidInputException e) {
            return false;
        }
    }
}
