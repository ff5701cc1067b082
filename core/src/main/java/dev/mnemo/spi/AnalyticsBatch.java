package dev.mnemo.spi;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything a session's end writes to an {@link AnalyticsSink}, in one batch.
 *
 * @param session the ended session's address
 * @param userId  its owner, or {@code null}
 * @param startedAt when the session was created
 * @param endedAt   when it ended
 * @param answers   each buffered answer, oldest first
 */
public record AnalyticsBatch(SessionRef session, String userId, Instant startedAt, Instant endedAt,
                             List<AnswerRecord> answers) {

    /** Copies the list. */
    public AnalyticsBatch {
        Objects.requireNonNull(session, "session");
        answers = List.copyOf(answers);
    }
}
