package dev.mnemo.analytics.internal;

import dev.mnemo.Session;
import dev.mnemo.spi.AnalyticsBatch;
import dev.mnemo.spi.AnalyticsBuffer.BufferedSession;
import dev.mnemo.spi.AnswerRecord;
import dev.mnemo.spi.SessionRef;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Puts a session's batch together from what the tiers still know of it and what its buffer holds. */
final class Batches {

    private Batches() {
    }

    /**
     * @param endedAt  when it ended, or {@code null} to take it from the session (its last write: the
     *                 end's) or, when no tier has it, from its last answer
     * @param session  the session as the tiers have it, or empty when it has gone from every tier
     * @param buffered what the buffer holds
     * @return the batch; empty when nothing tells when the session started (no tier has it, and it
     *         was neither tracked nor answered), so nothing of it can be written
     */
    static Optional<AnalyticsBatch> assemble(SessionRef ref, AnalyticsBatch.Reason reason, Instant endedAt,
                                             Optional<Session> session, BufferedSession buffered) {
        List<AnswerRecord> answers = buffered.answers();
        Instant startedAt = session.map(Session::createdAt).orElse(buffered.startedAt() != null ? buffered.startedAt()
                : answers.isEmpty() ? null : answers.get(0).at());
        if (startedAt == null) {
            return Optional.empty();
        }
        Instant lastAnswer = answers.isEmpty() ? startedAt : answers.get(answers.size() - 1).at();
        Instant end = endedAt != null ? endedAt : session.map(Session::updatedAt).orElse(lastAnswer);
        // Clocks of several processes differ a little: an end never precedes the start.
        end = end.isBefore(startedAt) ? startedAt : end;
        return Optional.of(new AnalyticsBatch(ref, session.map(Session::userId).orElse(buffered.userId()), startedAt, end,
                reason, session.map(Session::messageCount).orElse(0L), session.map(Session::tokenCount).orElse(0L), answers));
    }
}
