package dev.mnemo.spi;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Everything a session's end writes to an {@link AnalyticsSink}, in one batch: the session's
 * record, and what its answers add to the user's stats and to each knowledge-base entry's usage.
 * The totals are computed from {@link #answers()}, the one source of truth.
 *
 * @param session      the session's address
 * @param userId       its owner, or {@code null} for an anonymous session
 * @param startedAt    when the session was created
 * @param endedAt      when it ended: the end's time, or for an expired session its last activity
 * @param reason       why the batch was written
 * @param messageCount how many messages the session held, or 0 when no tier knew any more
 * @param tokenCount   the sum of their token counts, or 0 when no tier knew any more
 * @param answers      each buffered answer, in message id order
 */
public record AnalyticsBatch(SessionRef session, @Nullable String userId, Instant startedAt, Instant endedAt, Reason reason,
                             long messageCount, long tokenCount, List<AnswerRecord> answers) {

    /** Why a session's batch was written. */
    public enum Reason {
        /** The session was ended by a call to {@code Mnemo.endSession}. */
        ENDED,
        /** The session was idle past its timeout, or expired from every tier, without an explicit end. */
        EXPIRED
    }

    /** Checks the parts and copies the list. */
    public AnalyticsBatch {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(endedAt, "endedAt");
        Objects.requireNonNull(reason, "reason");
        answers = List.copyOf(answers);
    }

    /**
     * The batch's id: the session id and its start in epoch milliseconds, {@code <sid>@<millis>}.
     * Deterministic, so every write of one session's batch (a retry, a second process) carries the
     * same id and a sink can recognise it; the start tells apart two sessions that reused an id
     * after a purge or an expiry. Unique within the namespace; a valid Firestore document id.
     *
     * @return the id
     */
    public String id() {
        return session.id().value() + "@" + startedAt.toEpochMilli();
    }

    /** @return how many answers the session gave */
    public int answerCount() {
        return answers.size();
    }

    /** @return the prompt tokens of every answer */
    public long tokensIn() {
        return answers.stream().mapToLong(AnswerRecord::tokensIn).sum();
    }

    /** @return the completion tokens of every answer */
    public long tokensOut() {
        return answers.stream().mapToLong(AnswerRecord::tokensOut).sum();
    }

    /** @return how many answers used each knowledge-base entry (an entry named twice by one answer counts once), by entry id */
    public Map<String, Integer> sourceUsage() {
        Map<String, Integer> usage = new TreeMap<>();
        for (AnswerRecord answer : answers) {
            answer.sources().stream().distinct().forEach(source -> usage.merge(source, 1, Integer::sum));
        }
        return Collections.unmodifiableMap(usage);
    }

    /** @return every latency sample in milliseconds by stage, answers in order */
    public Map<String, List<Long>> latencyMillis() {
        Map<String, List<Long>> merged = new LinkedHashMap<>();
        for (AnswerRecord answer : answers) {
            answer.latencyMillis().forEach((stage, samples) -> merged.computeIfAbsent(stage, key -> new ArrayList<>()).addAll(samples));
        }
        merged.replaceAll((stage, samples) -> List.copyOf(samples));
        return Collections.unmodifiableMap(merged);
    }
}
