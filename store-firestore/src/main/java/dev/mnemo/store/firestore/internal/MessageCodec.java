package dev.mnemo.store.firestore.internal;

import com.google.cloud.firestore.DocumentSnapshot;
import dev.mnemo.InvalidInputException;
import dev.mnemo.Message;
import dev.mnemo.Role;
import dev.mnemo.ToolCall;
import dev.mnemo.spi.support.InstantText;
import dev.mnemo.JsonCodec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A message as one document, its id the document id and also its {@code id} field: queries order
 * by that field, whose automatic single-field indexes serve both directions (Firestore has no
 * descending scan of document ids). Text parts are plain fields, readable in
 * the console; {@code metadata} is JSON text because free JSON may hold what Firestore cannot
 * (arrays in arrays, reserved keys) and because read back it must give the same Java values as
 * every other tier; {@code createdAt} is ISO-8601 text because a Firestore timestamp keeps only
 * microseconds and the message must come back equal.
 */
public final class MessageCodec {

    /** The field that holds the message id's text, by which queries order. */
    public static final String ID = "id";
    static final String ROLE = "role";
    static final String CONTENT = "content";
    static final String NAME = "name";
    static final String TOOL_CALLS = "toolCalls";
    static final String TOOL_CALL_ID = "toolCallId";
    static final String METADATA = "metadata";
    static final String CREATED_AT = "createdAt";
    static final String TOKENS = "tokens";

    private static final String CALL_ID = "id";
    private static final String CALL_NAME = "name";
    private static final String CALL_ARGUMENTS = "arguments";

    private MessageCodec() {
    }

    /** @return the fields of {@code message}'s document; absent parts are left out */
    public static Map<String, Object> fields(Message message) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put(ID, message.id().toString());
        fields.put(ROLE, message.role().name());
        fields.put(CONTENT, message.content());
        putIfPresent(fields, NAME, message.name());
        if (!message.toolCalls().isEmpty()) {
            List<Map<String, Object>> calls = new ArrayList<>();
            for (ToolCall call : message.toolCalls()) {
                calls.add(Map.of(CALL_ID, call.id(), CALL_NAME, call.name(), CALL_ARGUMENTS, call.arguments()));
            }
            fields.put(TOOL_CALLS, calls);
        }
        putIfPresent(fields, TOOL_CALL_ID, message.toolCallId());
        if (!message.metadata().isEmpty()) {
            fields.put(METADATA, JsonCodec.write(message.metadata()));
        }
        fields.put(CREATED_AT, InstantText.format(message.createdAt()));
        fields.put(TOKENS, (long) message.tokens());
        return fields;
    }

    /**
     * @return the message the document holds
     * @throws InvalidInputException naming the document's path and field when it is corrupt
     */
    public static Message read(DocumentSnapshot snapshot) {
        Fields fields = Fields.of(snapshot);
        UUID id = id(fields, snapshot.getId());
        Role role = fields.enumValue(ROLE, Role.class);
        String content = fields.string(CONTENT);
        List<ToolCall> calls = toolCalls(fields);
        @SuppressWarnings("unchecked")
        Map<String, Object> metadata = fields.json(METADATA, Map.class, Map.of());
        long tokens = fields.number(TOKENS);
        if (tokens < 0 || tokens > Integer.MAX_VALUE) {
            throw fields.corrupt(TOKENS, "a token count from 0 to " + Integer.MAX_VALUE, tokens, null);
        }
        try {
            return new Message(id, role, content, fields.optionalString(NAME), calls, fields.optionalString(TOOL_CALL_ID),
                    metadata, fields.isoInstant(CREATED_AT), (int) tokens);
        } catch (InvalidInputException e) {
            throw fields.corrupt("message", e);
        }
    }

    private static UUID id(Fields fields, String documentId) {
        String stored = fields.string(ID);
        if (!stored.equals(documentId)) {
            throw fields.corrupt(ID, "the document id " + documentId, stored, null);
        }
        try {
            UUID id = UUID.fromString(documentId);
            if (id.toString().equals(documentId)) {
                return id;
            }
        } catch (IllegalArgumentException e) {
            throw fields.corrupt("message id", e);
        }
        throw fields.corrupt("message id", new IllegalArgumentException(
                "document id '" + documentId + "' is not a UUID in canonical lower-case form"));
    }

    private static List<ToolCall> toolCalls(Fields fields) {
        List<ToolCall> calls = new ArrayList<>();
        for (Object element : fields.optionalList(TOOL_CALLS)) {
            if (!(element instanceof Map<?, ?> map) || !(map.get(CALL_ID) instanceof String callId)
                    || !(map.get(CALL_NAME) instanceof String name) || !(map.get(CALL_ARGUMENTS) instanceof String arguments)) {
                throw fields.corrupt(TOOL_CALLS, "maps of text id, name and arguments", element, null);
            }
            try {
                calls.add(new ToolCall(callId, name, arguments));
            } catch (InvalidInputException e) {
                throw fields.corrupt(TOOL_CALLS, "a valid tool call", element, e);
            }
        }
        return calls;
    }

    private static void putIfPresent(Map<String, Object> fields, String name, Object value) {
        if (value != null) {
            fields.put(name, value);
        }
    }
}
