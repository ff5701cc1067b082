package dev.mnemo.store.redis.internal;

import dev.mnemo.CorruptDataException;
import dev.mnemo.Message;
import dev.mnemo.Session;
import dev.mnemo.SessionEnd;
import dev.mnemo.SessionStatus;
import dev.mnemo.State;
import dev.mnemo.Summary;
import dev.mnemo.spi.support.InstantText;
import dev.mnemo.JsonCodec;
import dev.mnemo.spi.SessionRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The Redis form of Mnemo's values. The meta hash's field names are also used by the Lua scripts
 * ({@code user}, {@code status}, {@code updated}, {@code count}, {@code tokens}); timestamps are
 * ISO-8601 text, so they keep the precision of the {@link Instant} written; everything else that is
 * not a counter is JSON through {@link JsonCodec}. Text that cannot be read back is reported with
 * {@link CorruptDataException} naming the key.
 */
public final class Records {

    private static final String USER = "user";
    private static final String CREATED = "created";
    private static final String UPDATED = "updated";
    private static final String STATUS = "status";
    private static final String METADATA = "metadata";
    private static final String COUNT = "count";
    private static final String TOKENS = "tokens";
    private static final String END_REASON = "end-reason";
    private static final String ENDED_BY = "ended-by";
    private static final int ID_START = "{\"id\":\"".length();
    private static final int ID_LENGTH = 36;

    private Records() {
    }

    /** @return the meta hash's field that holds the metadata as JSON (absent when there is none) */
    public static String metadataField() {
        return METADATA;
    }

    /** @return the meta hash of {@code session} as field/value pairs; no user and no metadata are left out */
    public static List<String> meta(Session session) {
        List<String> pairs = new ArrayList<>(List.of(CREATED, InstantText.format(session.createdAt()),
                UPDATED, InstantText.format(session.updatedAt()), STATUS, session.status().name(),
                COUNT, Long.toString(session.messageCount()), TOKENS, Long.toString(session.tokenCount())));
        if (session.userId() != null) {
            pairs.addAll(List.of(USER, session.userId()));
        }
        if (!session.metadata().isEmpty()) {
            pairs.addAll(List.of(METADATA, JsonCodec.write(session.metadata())));
        }
        if (session.end() != null) {
            pairs.addAll(List.of(END_REASON, session.end().reason()));
            if (session.end().endedBy() != null) {
                pairs.addAll(List.of(ENDED_BY, session.end().endedBy()));
            }
        }
        return pairs;
    }

    /** @return the session read from its meta hash given as field/value pairs */
    public static Session session(SessionRef ref, String key, List<String> pairs) {
        Map<String, String> fields = new HashMap<>();
        for (int i = 0; i + 1 < pairs.size(); i += 2) {
            fields.put(pairs.get(i), pairs.get(i + 1));
        }
        return session(ref, key, fields);
    }

    /** @return the session read from its meta hash */
    @SuppressWarnings("unchecked")
    public static Session session(SessionRef ref, String key, Map<String, String> fields) {
        try {
            String metadata = fields.get(METADATA);
            return new Session(ref.id(), ref.namespace(), fields.get(USER),
                    InstantText.parse(required(fields, CREATED)), InstantText.parse(required(fields, UPDATED)),
                    SessionStatus.valueOf(required(fields, STATUS)),
                    metadata == null ? Map.of() : JsonCodec.read(key, metadata, Map.class),
                    Long.parseLong(required(fields, COUNT)), Long.parseLong(required(fields, TOKENS)),
                    fields.get(END_REASON) == null ? null : new SessionEnd(fields.get(END_REASON), fields.get(ENDED_BY)));
        } catch (CorruptDataException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CorruptDataException(key, "not a valid session: " + e.getMessage(), e);
        }
    }

    /** @return the summary read from its JSON, empty when {@code json} is {@code null} */
    public static Optional<Summary> summary(String key, String json, DecodeCache<Summary> cache) {
        return json == null ? Optional.empty()
                : Optional.of(cache.get(key.hashCode(), json, text -> JsonCodec.read(key, text, Summary.class)));
    }

    /** @return the messages read from their JSON, in the same order */
    public static List<Message> messages(String key, List<String> json, DecodeCache<Message> cache) {
        List<Message> messages = new ArrayList<>(json.size());
        Function<String, Message> decode = text -> JsonCodec.readMessage(key, text);
        for (String each : json) {
            messages.add(cache.get(idHash(each), each, decode));
        }
        return messages;
    }

    /** @return a hash of the message's id, which its JSON starts with ({@code {"id":"<36 characters>"}}) */
    private static int idHash(String json) {
        int hash = 0;
        for (int i = ID_START, end = Math.min(json.length(), ID_START + ID_LENGTH); i < end; i++) {
            hash = 31 * hash + json.charAt(i);
        }
        return hash;
    }

    /** @return the state read from a hash of JSON values */
    public static State state(String key, Map<String, String> fields) {
        Map<String, Object> values = new LinkedHashMap<>();
        fields.forEach((name, json) -> values.put(name, JsonCodec.read(key + " field " + name, json, Object.class)));
        return new State(values);
    }

    private static String required(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null) {
            throw new IllegalArgumentException("field '" + name + "' is missing");
        }
        return value;
    }
}
