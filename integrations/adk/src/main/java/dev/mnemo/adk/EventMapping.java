package dev.mnemo.adk;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.adk.JsonBaseModel;
import com.google.adk.events.Event;
import com.google.adk.sessions.State;
import com.google.genai.types.Content;
import com.google.genai.types.FunctionResponse;
import com.google.genai.types.Part;
import dev.mnemo.CorruptDataException;
import dev.mnemo.Message;
import dev.mnemo.Role;
import dev.mnemo.StateScope;
import dev.mnemo.ToolCall;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Maps an ADK {@link Event} to one Mnemo {@link Message} and back; the event read back is the one
 * mapped, the same JSON as ADK writes it (and equal, but where genai compares byte arrays by
 * identity), but for the {@code temp:} keys of its state delta, which are never stored.
 *
 * <p>Mnemo's own fields hold what chat APIs, context policies, summaries and analytics read:
 * <ul>
 *   <li>{@code role}: TOOL for an event of function responses, USER for the author {@code "user"},
 *       ASSISTANT for any other author (an agent);</li>
 *   <li>{@code name}: the author; on a TOOL message the function's name, as Mnemo names tools;</li>
 *   <li>{@code content}: the text of the parts (thoughts left out); a TOOL message's response as
 *       JSON; for parts without text, a short description such as {@code [inline image/png]};</li>
 *   <li>{@code toolCalls}: the function calls, with their ids; {@code toolCallId}: the id of the
 *       (first) call a TOOL message answers. An id outside Mnemo's characters is stored as
 *       {@link AdkIds} says, the same on the call and its response, so the two still pair;</li>
 *   <li>{@code createdAt}: the event's timestamp, to the millisecond, as ADK keeps it.</li>
 * </ul>
 * The rest of the event is kept under the metadata key {@value #METADATA_KEY}, as ADK's own JSON
 * writes it: the event id, invocation id, branch, actions (state delta, artifact delta, transfer,
 * escalation...), usage, finish reason, error, grounding and custom metadata, long-running tool ids.
 * The content goes there too, whole, only when the fields above do not give it back exactly (several
 * text parts, thoughts, inline or file data, code, several function responses, a role other than
 * ADK's usual one); the usual event, a text or function calls or one function response, is stored
 * once. A message that another adapter or a program wrote (no {@value #METADATA_KEY} metadata) reads
 * as an event whose id is the message id, by {@code "user"} for a USER message and {@code "model"}
 * otherwise.
 */
public final class EventMapping {

    /** The metadata key of the parts of an ADK event that Mnemo's own fields do not hold. */
    public static final String METADATA_KEY = "adk";

    private static final ObjectMapper JSON = JsonBaseModel.getMapper();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() { };
    /** How ADK's JSON writes {@link State#REMOVED}, the mark of a removed key in a state delta. */
    private static final String REMOVED = JSON.valueToTree(State.REMOVED).asText();
    private static final List<String> ACTION_MAPS = List.of("stateDelta", "artifactDelta", "requestedAuthConfigs",
            "requestedToolConfirmations");

    private EventMapping() {
    }

    /**
     * @param event an ADK event
     * @param id    the message's id, a UUIDv7: its position among the session's messages
     * @return the event as a Mnemo message; see the class comment
     */
    public static Message toMessage(Event event, UUID id) {
        List<Part> parts = event.content().flatMap(Content::parts).orElse(List.of());
        List<FunctionResponse> responses = event.functionResponses();
        Role role = !responses.isEmpty() && event.functionCalls().isEmpty() ? Role.TOOL
                : Contents.USER.equals(event.author()) ? Role.USER : Role.ASSISTANT;
        Instant createdAt = Instant.ofEpochMilli(event.timestamp());
        Message fields;
        if (role == Role.TOOL) {
            FunctionResponse first = responses.get(0);
            fields = new Message(id, role, Contents.responses(responses), first.name().orElse(null), List.of(),
                    AdkIds.callId(first.id().orElse(null), id, 0), Map.of(), createdAt, 0);
        } else {
            List<ToolCall> calls = role == Role.ASSISTANT ? Contents.toolCalls(event.functionCalls(), id) : List.of();
            String text = Contents.text(parts);
            String content = !text.isBlank() || !calls.isEmpty() ? text : Contents.placeholder(parts);
            fields = new Message(id, role, content, event.author(), calls, null, Map.of(), createdAt, 0);
        }
        return new Message(id, role, fields.content(), fields.name(), fields.toolCalls(), fields.toolCallId(),
                Map.of(METADATA_KEY, rest(event, fields)), createdAt, 0);
    }

    /** @return the event's JSON without what {@code fields} hold */
    private static Map<String, Object> rest(Event event, Message fields) {
        ObjectNode node = JSON.valueToTree(event);
        node.properties().removeIf(entry -> entry.getValue().isNull());
        node.remove("timestamp");
        if (fields.role() != Role.TOOL) {
            node.remove("author");
        }
        if (node.get("actions") instanceof ObjectNode actions) {
            if (actions.get("stateDelta") instanceof ObjectNode delta) {
                delta.properties().removeIf(entry -> StateScope.of(entry.getKey()) == StateScope.TEMP);
            }
            ACTION_MAPS.forEach(key -> {
                if (actions.path(key).isObject() && actions.path(key).isEmpty()) {
                    actions.remove(key);
                }
            });
            if (actions.isEmpty()) {
                node.remove("actions");
            }
        }
        JsonNode content = node.get("content");
        if (content == null) {
            node.putNull("content");
        } else if (content.equals(JSON.valueToTree(Contents.of(fields)))) {
            node.remove("content");
        }
        return JSON.convertValue(node, OBJECT);
    }

    /**
     * @param message a stored message
     * @return it as an ADK event; see the class comment
     */
    public static Event toEvent(Message message) {
        ObjectNode node;
        if (message.metadata().get(METADATA_KEY) instanceof Map<?, ?> stored) {
            node = JSON.valueToTree(stored);
            if (!node.has("author")) {
                node.put("author", message.name());
            }
        } else {
            node = JSON.createObjectNode().put("id", message.id().toString())
                    .put("author", message.role() == Role.USER ? Contents.USER : Contents.MODEL);
        }
        node.put("timestamp", message.createdAt().toEpochMilli());
        if (!node.has("content")) {
            node.set("content", JSON.valueToTree(Contents.of(message)));
        }
        Event event;
        try {
            event = JsonBaseModel.fromJsonNode(node, Event.class);
        } catch (RuntimeException e) {
            throw new CorruptDataException("metadata '" + METADATA_KEY + "' of message " + message.id(),
                    "not an ADK event: " + e.getMessage(), e);
        }
        event.actions().stateDelta().replaceAll((key, value) -> REMOVED.equals(value) ? State.REMOVED : value);
        return event;
    }
}
