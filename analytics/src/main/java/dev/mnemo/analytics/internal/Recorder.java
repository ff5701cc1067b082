package dev.mnemo.analytics.internal;

import dev.mnemo.AppendResult;
import dev.mnemo.Message;
import dev.mnemo.Role;
import dev.mnemo.Session;
import dev.mnemo.analytics.AnswerMetadata;
import dev.mnemo.spi.AnalyticsBuffer;
import dev.mnemo.spi.AnswerRecord;
import dev.mnemo.spi.SessionAccess;
import dev.mnemo.spi.SessionRef;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Puts what a live session gives into the buffer: its owner and start when it is created, and
 * each answer, from an append or given directly, with its idle deadline as its first schedule.
 */
public final class Recorder {

    /** How many latest messages are read to find an answer's question when neither its metadata nor its append has it. */
    private static final int QUERY_LOOKBACK = 20;

    private final SessionAccess access;
    private final AnalyticsBuffer buffer;
    private final Duration idleTimeout;
    private final int maxQueryChars;
    private final Clock clock;
    private final Counters counters;

    /**
     * @param mnemo         where an answer's question is looked up
     * @param buffer        where it all goes
     * @param idleTimeout   how long after its last write a session is first looked at
     * @param maxQueryChars the longest question kept
     * @param clock         the clock of deadlines
     * @param counters      where answers are counted
     */
    public Recorder(SessionAccess access, AnalyticsBuffer buffer, Duration idleTimeout, int maxQueryChars, Clock clock,
                    Counters counters) {
        this.access = access;
        this.buffer = buffer;
        this.idleTimeout = idleTimeout;
        this.maxQueryChars = maxQueryChars;
        this.clock = clock;
        this.counters = counters;
    }

    /** @return completes when the session's owner and start are buffered */
    public CompletionStage<Void> created(Session session) {
        return buffer.track(session.ref(), session.userId(), session.createdAt(), session.createdAt().plus(idleTimeout));
    }

    /**
     * Buffers the answers among {@code result}'s messages. An answer's question is its metadata's, else
     * the last USER message before it in the append, else in the session's latest messages (one read).
     *
     * @return completes when every answer is buffered
     */
    public CompletionStage<Void> appended(SessionRef ref, AppendResult result) {
        List<Message> answers = result.messages().stream().filter(AnswerMetadata::isAnswer).toList();
        if (answers.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        boolean lookBack = answers.stream().anyMatch(answer -> AnswerMetadata.query(answer) == null
                && lastQuestion(result.messages(), answer) == null);
        CompletionStage<List<Message>> earlier = !lookBack ? CompletableFuture.completedFuture(List.of())
                : access.history(ref.id(), QUERY_LOOKBACK).exceptionally(error -> List.of());
        return earlier.thenCompose(history -> {
            List<Message> seen = new ArrayList<>(history);
            seen.addAll(result.messages());
            return CompletableFuture.allOf(answers.stream().map(answer -> add(ref, AnswerMetadata.toRecord(answer,
                    lastQuestion(seen, answer), maxQueryChars)).toCompletableFuture()).toArray(CompletableFuture[]::new));
        });
    }

    /** @return completes when the answer is buffered */
    public CompletionStage<Void> add(SessionRef ref, AnswerRecord answer) {
        return buffer.add(ref, answer, clock.instant().plus(idleTimeout)).thenRun(counters::answerBuffered);
    }

    /** @return the text of the last USER message before {@code answer} among {@code messages}, or {@code null} */
    private static String lastQuestion(List<Message> messages, Message answer) {
        Message last = null;
        for (Message message : messages) {
            if (message.role() == Role.USER && Message.compareIds(message.id(), answer.id()) < 0
                    && (last == null || Message.compareIds(message.id(), last.id()) > 0)) {
                last = message;
            }
        }
        return last == null ? null : last.content();
    }
}
