package dev.mnemo.store.firestore.internal;

import com.google.cloud.Timestamp;
import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.FieldValue;
import dev.mnemo.InvalidInputException;
import dev.mnemo.Session;
import dev.mnemo.SessionEnd;
import dev.mnemo.SessionId;
import dev.mnemo.SessionStatus;
import dev.mnemo.Summary;
import dev.mnemo.JsonCodec;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A session as its document: owner, status, timestamps (Firestore timestamps, which order the
 * user's sessions and drive a TTL policy on {@code expireAt}), running counters, the summary as a
 * map, and the metadata as JSON text (free JSON may hold what Firestore cannot).
 */
public final class SessionCodec {

    /** The field a Firestore TTL policy on the {@code sessions} collection group is set on. */
    public static final String EXPIRE_AT = "expireAt";
    static final String SESSION_ID = "sessionId";
    static final String USER_ID = "userId";
    static final String STATUS = "status";
    static final String CREATED_AT = "createdAt";
    static final String UPDATED_AT = "updatedAt";
    static final String METADATA = "metadata";
    static final String MESSAGE_COUNT = "messageCount";
    static final String TOKEN_COUNT = "tokenCount";
    static final String SUMMARY = "summary";
    static final String END_REASON = "endReason";
    static final String ENDED_BY = "endedBy";

    private static final String SUMMARY_TEXT = "text";
    private static final String SUMMARY_COVERS_UP_TO = "coversUpTo";
    private static final String SUMMARY_TOKENS = "tokens";
    private static final String SUMMARY_VERSION = "version";

    private SessionCodec() {
    }

    /** @return the fields of a new session document; {@code expireAt} is left out when {@code null} */
    public static Map<String, Object> fields(Session session, Timestamp expireAt) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put(SESSION_ID, session.id().value());
        if (session.userId() != null) {
            fields.put(USER_ID, session.userId());
        }
        fields.put(STATUS, session.status().name());
        fields.put(CREATED_AT, timestamp(session.createdAt()));
        fields.put(UPDATED_AT, timestamp(session.updatedAt()));
        if (!session.metadata().isEmpty()) {
            fields.put(METADATA, JsonCodec.write(session.metadata()));
        }
        fields.put(MESSAGE_COUNT, session.messageCount());
        fields.put(TOKEN_COUNT, session.tokenCount());
        if (session.end() != null) {
            fields.putAll(endFields(session.end()));
        }
        if (expireAt != null) {
            fields.put(EXPIRE_AT, expireAt);
        }
        return fields;
    }

    /**
     * @param namespace the namespace the document was read from
     * @return the session the document holds
     * @throws InvalidInputException naming the document's path and field when it is corrupt
     */
    public static Session read(String namespace, DocumentSnapshot snapshot) {
        Fields fields = Fields.of(snapshot);
        String id = fields.string(SESSION_ID);
        String userId = fields.optionalString(USER_ID);
        Instant createdAt = fields.timestamp(CREATED_AT);
        Instant updatedAt = fields.timestamp(UPDATED_AT);
        SessionStatus status = fields.enumValue(STATUS, SessionStatus.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> metadata = fields.json(METADATA, Map.class, Map.of());
        long messages = fields.number(MESSAGE_COUNT);
        long tokens = fields.number(TOKEN_COUNT);
        String endReason = fields.optionalString(END_REASON);
        try {
            SessionEnd end = endReason == null ? null : new SessionEnd(endReason, fields.optionalString(ENDED_BY));
            return new Session(SessionId.of(id), namespace, userId, createdAt, updatedAt, status, metadata, messages, tokens,
                    end);
        } catch (InvalidInputException e) {
            throw fields.corrupt("session", e);
        }
    }

    /** @return the fields that record an end: why and, when known, by whom (else the field is deleted) */
    public static Map<String, Object> endFields(SessionEnd end) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put(END_REASON, end.reason());
        fields.put(ENDED_BY, end.endedBy() != null ? end.endedBy() : FieldValue.delete());
        return fields;
    }

    /** @return the metadata field's value for {@code metadata}: JSON text, or a delete when it is empty */
    public static Object metadataField(Map<String, Object> metadata) {
        return metadata.isEmpty() ? FieldValue.delete() : JsonCodec.write(metadata);
    }

    /** @return the user id stored on the session document, if any */
    public static Optional<String> userId(DocumentSnapshot snapshot) {
        return Optional.ofNullable(Fields.of(snapshot).optionalString(USER_ID));
    }

    /** @return whether the document exists and has not expired at {@code now} */
    public static boolean live(DocumentSnapshot snapshot, Instant now) {
        if (!snapshot.exists()) {
            return false;
        }
        Instant expireAt = Fields.of(snapshot).optionalTimestamp(EXPIRE_AT);
        return expireAt == null || expireAt.isAfter(now);
    }

    /** @return the summary stored on the session document, if any */
    public static Optional<Summary> summary(DocumentSnapshot snapshot) {
        Fields fields = Fields.of(snapshot);
        if (!fields.has(SUMMARY)) {
            return Optional.empty();
        }
        Fields summary = new Fields(fields.path() + " summary", fields.map(SUMMARY));
        String text = summary.string(SUMMARY_TEXT);
        String coversUpTo = summary.string(SUMMARY_COVERS_UP_TO);
        long tokens = summary.number(SUMMARY_TOKENS);
        long version = summary.number(SUMMARY_VERSION);
        try {
            return Optional.of(new Summary(text, UUID.fromString(coversUpTo), Math.toIntExact(tokens), version));
        } catch (IllegalArgumentException | ArithmeticException | InvalidInputException e) {
            throw summary.corrupt("summary", e);
        }
    }

    /** @return the version of the stored summary, 0 when there is none */
    public static long summaryVersion(DocumentSnapshot snapshot) {
        return summary(snapshot).map(Summary::version).orElse(0L);
    }

    /** @return {@code summary} as the map stored in the session document */
    public static Map<String, Object> summaryFields(Summary summary) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put(SUMMARY_TEXT, summary.text());
        fields.put(SUMMARY_COVERS_UP_TO, summary.coversUpTo().toString());
        fields.put(SUMMARY_TOKENS, (long) summary.tokens());
        fields.put(SUMMARY_VERSION, summary.version());
        return fields;
    }

    /** @return {@code instant} as a Firestore timestamp, which keeps microseconds */
    public static Timestamp timestamp(Instant instant) {
        return Timestamp.ofTimeSecondsAndNanos(instant.getEpochSecond(), instant.getNano());
    }
}
