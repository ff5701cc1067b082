package dev.mnemo.spi.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mnemo.CorruptDataException;
import dev.mnemo.JsonCodec;
import dev.mnemo.Session;
import dev.mnemo.SessionEnd;
import dev.mnemo.SessionStatus;
import dev.mnemo.StateDelta;
import dev.mnemo.spi.SessionChange;
import dev.mnemo.spi.SessionRef;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The JSON form of a {@link SessionChange}, as a journal keeps it: one codec for every tier that
 * journals changes, so an entry written by one process reads the same in any other. The session is
 * given on read (the journal is the session's own), so no entry repeats its namespace and id:
 * <pre>
 * {"type":"create","session":{"userId":…,"createdAt":…,"updatedAt":…,"status":…,"metadata":{…},
 *                             "messageCount":0,"tokenCount":0,"endReason":…,"endedBy":…}}
 * {"type":"state","set":{…},"remove":[…]}
 * {"type":"metadata","changes":{"key":value or null,…}}
 * {"type":"end","reason":…,"endedBy":…}
 * </pre>
 * Timestamps are {@link InstantText} text; values are JSON as {@link JsonCodec} writes them.
 */
public final class ChangeCodec {

    private static final ObjectMapper MAPPER = JsonCodec.mapper();

    private ChangeCodec() {
    }

    /** @return the change as JSON text */
    public static String write(SessionChange<?> change) {
        ObjectNode json = MAPPER.createObjectNode();
        if (change instanceof SessionChange.Create create) {
            Session session = create.session();
            ObjectNode fields = json.put("type", "create").putObject("session");
            fields.put("userId", session.userId()).put("createdAt", InstantText.format(session.createdAt()))
                    .put("updatedAt", InstantText.format(session.updatedAt())).put("status", session.status().name());
            fields.set("metadata", MAPPER.valueToTree(session.metadata()));
            fields.put("messageCount", session.messageCount()).put("tokenCount", session.tokenCount());
            if (session.end() != null) {
                fields.put("endReason", session.end().reason()).put("endedBy", session.end().endedBy());
            }
        } else if (change instanceof SessionChange.StateChange state) {
            json.put("type", "state").set("set", MAPPER.valueToTree(state.delta().updates()));
            json.set("remove", MAPPER.valueToTree(state.delta().removals()));
        } else if (change instanceof SessionChange.MetadataChange metadata) {
            json.put("type", "metadata").set("changes", MAPPER.valueToTree(metadata.changes()));
        } else if (change instanceof SessionChange.End end) {
            json.put("type", "end").put("reason", end.end().reason()).put("endedBy", end.end().endedBy());
        }
        return JsonCodec.write(json);
    }

    /**
     * @param where the key the text was read from, named in the error
     * @param ref   the session whose journal held it
     * @return the change
     * @throws CorruptDataException naming {@code where} when the text is not a change
     */
    @SuppressWarnings("unchecked")
    public static SessionChange<?> read(String where, SessionRef ref, String text) {
        try {
            JsonNode json = MAPPER.readTree(text);
            String type = json.path("type").asText();
            switch (type) {
                case "create": {
                    JsonNode fields = json.get("session");
                    String reason = text(fields, "endReason");
                    return new SessionChange.Create(new Session(ref.id(), ref.namespace(), text(fields, "userId"),
                            InstantText.parse(fields.get("createdAt").asText()),
                            InstantText.parse(fields.get("updatedAt").asText()),
                            SessionStatus.valueOf(fields.get("status").asText()),
                            MAPPER.convertValue(fields.get("metadata"), Map.class),
                            fields.get("messageCount").asLong(), fields.get("tokenCount").asLong(),
                            reason == null ? null : new SessionEnd(reason, text(fields, "endedBy"))));
                }
                case "state": {
                    Map<String, Object> set = MAPPER.convertValue(json.get("set"), LinkedHashMap.class);
                    Set<String> remove = MAPPER.convertValue(json.get("remove"), LinkedHashSet.class);
                    return new SessionChange.StateChange(ref, new StateDelta(set, remove));
                }
                case "metadata":
                    return new SessionChange.MetadataChange(ref, MAPPER.convertValue(json.get("changes"), LinkedHashMap.class));
                case "end":
                    return new SessionChange.End(ref, new SessionEnd(json.get("reason").asText(), text(json, "endedBy")));
                default:
                    throw new IllegalArgumentException("unknown change type '" + type + "'");
            }
        } catch (IllegalArgumentException | NullPointerException | java.io.IOException | dev.mnemo.MnemoException e) {
            throw new CorruptDataException(where, "not a valid session change: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
