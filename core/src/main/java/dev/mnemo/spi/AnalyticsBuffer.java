package dev.mnemo.spi;

import dev.mnemo.SessionId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * Where the analytics of live sessions wait for their batch: per session its owner, its start and
 * its answers, plus a schedule of sessions by the time each is next due for a look (its idle
 * deadline, or the end of a flush's lease), which a periodic sweep reads. A shared tier offers one
 * through {@link AnalyticsBuffers}, so that any process can end a session and a crash
 * loses nothing; the analytics module keeps one in process memory otherwise.
 *
 * <p>Every method completes its stage exceptionally instead of throwing, and every write is
 * idempotent: answers by message id, schedules by session. Buffers and records of purged users
 * expire after the retention given when the buffer was made, counted from their last write.
 */
public interface AnalyticsBuffer {

    /**
     * Starts buffering a session: keeps its owner and start, and schedules it for {@code due}
     * unless it is scheduled already.
     */
    CompletionStage<Void> track(SessionRef ref, @Nullable String userId, @Nullable Instant startedAt, Instant due);

    /** Adds an answer unless one of its message id is buffered; schedules the session for {@code due} unless it is scheduled. */
    CompletionStage<Void> add(SessionRef ref, AnswerRecord answer, Instant due);

    /** @return what is buffered of the session; empty parts when nothing is */
    CompletionStage<BufferedSession> read(SessionRef ref);

    /**
     * @param limit the most sessions to return, at least 1
     * @return sessions of the namespace scheduled at or before {@code now}, earliest first
     */
    CompletionStage<List<SessionId>> due(String namespace, Instant now, int limit);

    /**
     * Takes a lease: moves the session's schedule to {@code until} if it is at or before {@code now}.
     *
     * @return {@code true} for the one caller of concurrent ones that moved it
     */
    CompletionStage<Boolean> claim(SessionRef ref, Instant now, Instant until);

    /** Schedules the session for {@code due}, whether or not it was scheduled. */
    CompletionStage<Void> schedule(SessionRef ref, Instant due);

    /** Drops the session's buffer and its schedule. */
    CompletionStage<Void> remove(SessionRef ref);

    /** Records that the user's data was purged at {@code at}, so that no batch of an older session of theirs is written. */
    CompletionStage<Void> forgetUser(String namespace, String userId, Instant at);

    /** @return when the user's data was last purged, if within the retention */
    CompletionStage<Optional<Instant>> forgottenAt(String namespace, String userId);

    /**
     * What a buffer holds of one session.
     *
     * @param userId    the owner, or {@code null} when anonymous or not tracked
     * @param startedAt the session's start, or {@code null} when not tracked
     * @param answers   the buffered answers in message id order, never null
     */
    record BufferedSession(String userId, Instant startedAt, List<AnswerRecord> answers) {

        /** Nothing buffered. */
        public static final BufferedSession EMPTY = new BufferedSession(null, null, List.of());

        /** Copies the list. */
        public BufferedSession {
            answers = List.copyOf(answers);
        }
    }
}
