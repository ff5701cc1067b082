package dev.mnemo.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mnemo.BlockingMnemo;
import dev.mnemo.Message;
import dev.mnemo.Mnemo;
import dev.mnemo.Role;
import dev.mnemo.SessionId;
import dev.mnemo.SessionStatus;
import dev.mnemo.reference.MapMemoryStore;
import dev.mnemo.spi.AnalyticsBatch;
import dev.mnemo.spi.AnswerRecord;
import dev.mnemo.spi.Capabilities;
import dev.mnemo.spi.SessionRef;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Analytics in one process, buffered in memory: what a batch holds, retries, the sweep, purges. */
class SessionAnalyticsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration IDLE = Duration.ofMinutes(30);

    private final TestClock clock = new TestClock();
    private final InMemoryAnalyticsSink memory = new InMemoryAnalyticsSink(2);
    private final SwitchableSink sink = new SwitchableSink(memory);
    private final SessionId id = SessionId.of("chat-1");
    private final SessionRef ref = new SessionRef("default", id);
    private SessionAnalytics analytics;
    private Mnemo mnemo;
    private BlockingMnemo chat;

    private void open() {
        analytics = SessionAnalytics.builder().sink(sink).clock(clock).settings(AnalyticsConfig.builder()
                .idleTimeout(IDLE).sweepInterval(Duration.ofHours(1)).lease(Duration.ofMillis(200))
                .retryBackoff(Duration.ofMillis(20)).maxRetryBackoff(Duration.ofMillis(100)).build()).build();
        MapMemoryStore store = new MapMemoryStore("reference", new Capabilities(false, false, 0, null),
                new ConcurrentHashMap<>(), new ConcurrentHashMap<>(), clock);
        mnemo = Mnemo.builder().tiers(store).clock(clock).listener(analytics).build();
        chat = mnemo.blocking();
    }

    @AfterEach
    void close() {
        if (mnemo != null) {
            mnemo.close();
        }
    }

    private static Message answer(String content, Map<String, Object> metadata) {
        return Message.builder(Role.ASSISTANT).content(content).metadata(metadata).build();
    }

    @Test
    void endWritesOneBatchWithTheAnswersTheUserStatsAndSourceUsage() {
        open();
        chat.openSession(id, "u1");
        Message question = Message.user("What is your return policy?");
        Message first = answer("You may return any item within 30 days.", Map.of("confidence", 0.93,
                "sources", List.of("kb-returns", "kb-shipping"), "model", "gpt-4o", "tokensIn", 120, "tokensOut", 30,
                "latency", Map.of("stt", 180, "llm", List.of(640, 95))));
        chat.append(id, question, first);
        Message lookup = Message.builder(Role.ASSISTANT).content("").toolCall("call-1", "lookup", "{}").build();
        Message followUp = Message.user("And sale items?");
        chat.append(id, followUp, lookup, Message.tool("call-1", "{\"final\": true}"));
        Message second = answer("Sale items are final.", Map.of("sources", List.of(Map.of("id", "kb-returns"))));
        chat.append(id, second);

        assertThat(chat.endSession(id)).isTrue();
        Eventually.await("the batch", WAIT, () -> analytics.stats().batchesWritten() == 1);

        AnalyticsBatch batch = memory.batches().get(0);
        assertThat(batch.id()).isEqualTo("chat-1@" + clock.instant().toEpochMilli());
        assertThat(batch.reason()).isEqualTo(AnalyticsBatch.Reason.ENDED);
        assertThat(batch.userId()).isEqualTo("u1");
        assertThat(batch.messageCount()).isEqualTo(6);
        assertThat(batch.answers()).extracting(AnswerRecord::messageId).containsExactly(first.id(), second.id());
        AnswerRecord recorded = batch.answers().get(0);
        assertThat(recorded.query()).isEqualTo(question.content());
        assertThat(recorded.confidence()).isEqualTo(0.93);
        assertThat(recorded.model()).isEqualTo("gpt-4o");
        assertThat(recorded.latencyMillis()).isEqualTo(Map.of("stt", List.of(180L), "llm", List.of(640L, 95L)));
        assertThat(batch.answers().get(1).query()).as("read back from the history").isEqualTo(followUp.content());
        assertThat(batch.answers().get(1).tokensOut()).as("its own token count").isPositive();
        assertThat(memory.user("default", "u1")).hasValueSatisfying(user -> {
            assertThat(user.sessions()).isEqualTo(1);
            assertThat(user.answers()).isEqualTo(2);
            assertThat(user.tokensIn()).isEqualTo(120);
        });
        assertThat(memory.entryUsage("default", "kb-returns")).isEqualTo(2);
        assertThat(memory.entryUsage("default", "kb-shipping")).isEqualTo(1);

        assertThat(chat.endSession(id)).isFalse();
        assertThat(analytics.sweep().toCompletableFuture().join()).isZero();
        assertThat(memory.writes()).isEqualTo(1);
    }

    @Test
    void whenTheSinkIsDownTheBatchIsRetriedAndWrittenOnceWhenItComesBack() {
        open();
        sink.down();
        chat.openSession(id, "u1");
        chat.append(id, Message.user("Hi"), answer("Hello!", Map.of()));
        assertThat(chat.endSession(id)).as("the caller never sees the sink fail").isTrue();
        Eventually.await("failed attempts", WAIT, () -> sink.refused() >= 3);
        assertThat(memory.batches()).isEmpty();

        sink.up();
        Eventually.await("the batch", WAIT, () -> analytics.stats().batchesWritten() == 1);
        Eventually.await("no retry left", WAIT, () -> analytics.stats().retriesPending() == 0);
        assertThat(memory.writes()).isEqualTo(1);
        assertThat(memory.batches(ref).get(0).answerCount()).isEqualTo(1);
        assertThat(analytics.stats().flushFailures()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void anIdleSessionIsEndedByTheSweepAndWrittenAsExpiredAtItsLastActivity() {
        open();
        chat.openSession(id, "u1");
        chat.append(id, Message.user("Hi"), answer("Hello!", Map.of()));
        var lastActive = clock.instant();
        clock.advance(IDLE.minusMinutes(1));
        assertThat(analytics.sweep().toCompletableFuture().join()).as("not due yet").isZero();

        clock.advance(Duration.ofMinutes(2));
        assertThat(analytics.sweep().toCompletableFuture().join()).isEqualTo(1);
        Eventually.await("the batch", WAIT, () -> analytics.stats().batchesWritten() == 1);
        AnalyticsBatch batch = memory.batches().get(0);
        assertThat(batch.reason()).isEqualTo(AnalyticsBatch.Reason.EXPIRED);
        assertThat(batch.endedAt()).isEqualTo(lastActive);
        assertThat(chat.getSession(id).value().orElseThrow().status()).isEqualTo(SessionStatus.ENDED);
        assertThat(analytics.stats().sessionsExpired()).isEqualTo(1);
    }

    @Test
    void aSessionActiveWhenItComesDueIsScheduledAgainNotEnded() {
        open();
        chat.openSession(id, "u1");
        clock.advance(IDLE.minusMinutes(5));
        chat.append(id, Message.user("Still there?"), answer("Yes.", Map.of()));
        clock.advance(Duration.ofMinutes(10));
        assertThat(analytics.sweep().toCompletableFuture().join()).isEqualTo(1);
        assertThat(chat.getSession(id).value().orElseThrow().status()).isEqualTo(SessionStatus.ACTIVE);
        assertThat(analytics.sweep().toCompletableFuture().join()).as("scheduled for its new deadline").isZero();
        assertThat(memory.batches()).isEmpty();
    }

    @Test
    void answersRecordedDirectlyAreBufferedOncePerMessageId() {
        open();
        chat.openSession(id, null);
        AnswerRecord answer = AnswerRecord.builder(Message.newId(), clock.instant()).query("Hi").responseLength(6)
                .sources(List.of("kb-1")).latency("tts", 210).build();
        analytics.record(id, answer).toCompletableFuture().join();
        analytics.record(id, answer).toCompletableFuture().join();
        chat.endSession(id);
        Eventually.await("the batch", WAIT, () -> analytics.stats().batchesWritten() == 1);
        assertThat(memory.batches().get(0).answers()).containsExactly(answer);
        assertThat(memory.batches().get(0).userId()).isNull();
    }

    @Test
    void aDeletedSessionWritesNothing() {
        open();
        chat.openSession(id, "u1");
        chat.append(id, Message.user("Hi"), answer("Hello!", Map.of()));
        chat.deleteSession(id);
        clock.advance(IDLE.plusMinutes(1));
        assertThat(analytics.sweep().toCompletableFuture().join()).isZero();
        assertThat(memory.writes()).isZero();
    }

    /** The purge drops the user's buffered sessions at once (their queries are not kept until a sweep), so none is ever due. */
    @Test
    void aPurgedUsersBufferedSessionIsDroppedAndNeverWritten() {
        open();
        chat.openSession(id, "u1");
        chat.append(id, Message.user("Hi"), answer("Hello!", Map.of()));
        chat.deleteUser("u1");
        clock.advance(IDLE.plusMinutes(1));
        assertThat(analytics.sweep().toCompletableFuture().join()).isZero();
        assertThat(memory.writes()).isZero();
    }

    @Test
    void recentSessionsAreBoundedAndNewestFirst() {
        open();
        for (int i = 1; i <= 3; i++) {
            SessionId session = SessionId.of("chat-" + i);
            chat.openSession(session, "u1");
            chat.endSession(session);
            clock.advance(Duration.ofMinutes(1));
        }
        Eventually.await("three batches", WAIT, () -> analytics.stats().batchesWritten() == 3);
        assertThat(memory.user("default", "u1").orElseThrow().recentSessions())
                .extracting(InMemoryAnalyticsSink.RecentSession::sessionId).containsExactly("chat-3", "chat-2");
        assertThat(memory.user("default", "u1").orElseThrow().sessions()).isEqualTo(3);
    }
}
