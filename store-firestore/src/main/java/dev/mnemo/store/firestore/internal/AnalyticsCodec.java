package dev.mnemo.store.firestore.internal;

import com.google.cloud.Timestamp;
import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.FieldPath;
import com.google.cloud.firestore.FieldValue;
import dev.mnemo.spi.AnalyticsBatch;
import dev.mnemo.spi.AnswerRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Analytics as Firestore fields. Names chosen by users (knowledge-base entries, latency stages)
 * are values in lists of maps, never field names, so no character of theirs needs escaping:
 * <pre>
 * analytics/{batchId}   sessionId, userId, reason, startedAt, endedAt, messageCount, tokenCount,
 *                       answerCount, tokensIn, tokensOut, sources [{entryId, uses}],
 *                       latencyMs [{stage, samples}], answers [...] (the first {@code maxAnswers})
 * users/{uid}           analytics {sessions, answers, messages, tokensIn, tokensOut (increments),
 *                       lastActiveAt, recentSessions [{sessionId, batchId, startedAt, endedAt, answers}]}
 * kbEntries/{id}        entryId, uses (an increment)
 * </pre>
 */
public final class AnalyticsCodec {

    /** The collection of session records, below the namespace. */
    public static final String RECORDS = "analytics";
    /** The collection of knowledge-base entry counters, below the namespace. */
    public static final String ENTRIES = "kbEntries";
    /** The map field of the user document that holds the user's analytics. */
    public static final String USER_FIELD = "analytics";
    /** The field of a record naming its session. */
    public static final String SESSION_ID = "sessionId";
    /** The field of a record naming its user. */
    public static final String USER_ID = "userId";

    private static final String RECENT = "recentSessions";
    private static final String ENDED_AT = "endedAt";
    private static final Pattern PLAIN_ID = Pattern.compile("[A-Za-z0-9._:-]{1,256}");

    private AnalyticsCodec() {
    }

    /** @return the record of {@code batch}, with at most {@code maxAnswers} answers in detail */
    public static Map<String, Object> record(AnalyticsBatch batch, int maxAnswers) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put(SESSION_ID, batch.session().id().value());
        fields.put(USER_ID, batch.userId());
        fields.put("reason", batch.reason().name());
        fields.put("startedAt", SessionCodec.timestamp(batch.startedAt()));
        fields.put(ENDED_AT, SessionCodec.timestamp(batch.endedAt()));
        fields.put("messageCount", batch.messageCount());
        fields.put("tokenCount", batch.tokenCount());
        fields.put("answerCount", batch.answerCount());
        fields.put("tokensIn", batch.tokensIn());
        fields.put("tokensOut", batch.tokensOut());
        List<Map<String, Object>> sources = new ArrayList<>();
        batch.sourceUsage().forEach((entry, uses) -> sources.add(Map.of("entryId", entry, "uses", uses)));
        fields.put("sources", sources);
        fields.put("latencyMs", latency(batch.latencyMillis()));
        fields.put("answers", batch.answers().stream().limit(maxAnswers).map(AnalyticsCodec::answer).toList());
        return fields;
    }

    /**
     * @param current the user's document as it is
     * @return the changes to it, by field name below {@link #USER_FIELD}: counters incremented,
     *         last activity moved forward, the batch's session added to the recent ones, the latest
     *         {@code recentSessions} kept
     */
    public static Map<String, Object> user(AnalyticsBatch batch, DocumentSnapshot current, int recentSessions) {
        Timestamp ended = SessionCodec.timestamp(batch.endedAt());
        Object lastActive = current.get(FieldPath.of(USER_FIELD, "lastActiveAt"));
        List<Map<String, Object>> recent = new ArrayList<>();
        if (current.get(FieldPath.of(USER_FIELD, RECENT)) instanceof List<?> stored) {
            stored.stream().filter(Map.class::isInstance).map(entry -> {
                Map<String, Object> copy = new HashMap<>();
                ((Map<?, ?>) entry).forEach((key, value) -> copy.put(String.valueOf(key), value));
                return copy;
            }).filter(entry -> entry.get(ENDED_AT) instanceof Timestamp).forEach(recent::add);
        }
        recent.add(Map.of(SESSION_ID, batch.session().id().value(), "batchId", batch.id(),
                "startedAt", SessionCodec.timestamp(batch.startedAt()), ENDED_AT, ended, "answers", batch.answerCount()));
        recent.sort(Comparator.comparing((Map<String, Object> entry) -> (Timestamp) entry.get(ENDED_AT)).reversed());
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("sessions", FieldValue.increment(1));
        stats.put("answers", FieldValue.increment(batch.answerCount()));
        stats.put("messages", FieldValue.increment(batch.messageCount()));
        stats.put("tokensIn", FieldValue.increment(batch.tokensIn()));
        stats.put("tokensOut", FieldValue.increment(batch.tokensOut()));
        // A late batch (a retry, an expired session) must not move the last activity back.
        stats.put("lastActiveAt", lastActive instanceof Timestamp stored && stored.compareTo(ended) > 0 ? stored : ended);
        stats.put(RECENT, recent.subList(0, Math.min(recentSessions, recent.size())));
        return stats;
    }

    /** @return {@code changes} as the field paths of an update, each below {@link #USER_FIELD} */
    public static Map<String, Object> asUpdate(Map<String, Object> changes) {
        Map<String, Object> update = new LinkedHashMap<>();
        changes.forEach((name, value) -> update.put(USER_FIELD + "." + name, value));
        return update;
    }

    /** @return the merge into an entry's document that counts {@code uses} more */
    public static Map<String, Object> entryUse(String entryId, int uses) {
        return Map.of("entryId", entryId, "uses", FieldValue.increment(uses));
    }

    /**
     * @return the document id of a knowledge-base entry: the id itself when it is a plain one
     *         Firestore allows, else {@code ~} and a SHA-256 of it (the id is kept in the document)
     */
    public static String entryDocumentId(String entryId) {
        boolean plain = PLAIN_ID.matcher(entryId).matches() && !entryId.equals(".") && !entryId.equals("..")
                && !(entryId.startsWith("__") && entryId.endsWith("__")) && !entryId.startsWith("~");
        return plain ? entryId : "~" + sha256(entryId);
    }

    private static Map<String, Object> answer(AnswerRecord answer) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("messageId", answer.messageId().toString());
        fields.put("query", answer.query());
        fields.put("responseLength", answer.responseLength());
        fields.put("confidence", answer.confidence());
        fields.put("sources", answer.sources());
        fields.put("model", answer.model());
        fields.put("tokensIn", answer.tokensIn());
        fields.put("tokensOut", answer.tokensOut());
        fields.put("latencyMs", latency(answer.latencyMillis()));
        fields.put("at", SessionCodec.timestamp(answer.at()));
        return fields;
    }

    private static List<Map<String, Object>> latency(Map<String, List<Long>> samples) {
        List<Map<String, Object>> stages = new ArrayList<>();
        samples.forEach((stage, values) -> stages.add(Map.of("stage", stage, "samples", values)));
        return stages;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
