package dev.mnemo.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.FieldPath;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.FirestoreOptions;
import dev.mnemo.Message;
import dev.mnemo.Mnemo;
import dev.mnemo.MnemoConfig;
import dev.mnemo.Role;
import dev.mnemo.context.ContextPolicy;
import dev.mnemo.SessionEnd;
import dev.mnemo.SessionId;
import dev.mnemo.SessionStatus;
import dev.mnemo.spi.AnalyticsBatch;
import dev.mnemo.spi.MemoryStore;
import dev.mnemo.spi.SessionRef;
import dev.mnemo.store.firestore.FirestoreAnalyticsSink;
import dev.mnemo.store.firestore.FirestoreStore;
import dev.mnemo.store.firestore.FirestoreStoreConfig;
import dev.mnemo.store.redis.RedisStore;
import dev.mnemo.store.redis.RedisStoreConfig;
import dev.mnemo.testkit.firestore.FirestoreEmulatorExtension;
import dev.mnemo.testkit.redis.RedisServerExtension;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Analytics across processes, against a real redis-server and the real Firestore emulator: each
 * "process" is a Mnemo of its own with its own connections, sharing Redis (hot tier and buffer)
 * and Firestore (durable tier and sink). Each test works in a namespace of its own.
 */
class RedisFirestoreAnalyticsTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();
    @RegisterExtension
    static final FirestoreEmulatorExtension EMULATOR = new FirestoreEmulatorExtension(
            FirestoreEmulatorExtension.DEFAULT_PROJECT_ID, false);

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final List<Mnemo> processes = new ArrayList<>();
    private final SessionId id = SessionId.of("chat-1");
    private String namespace;
    private Firestore firestore;

    @BeforeEach
    void open() {
        namespace = "ns-" + UUID.randomUUID().toString().substring(0, 8);
        firestore = FirestoreOptions.newBuilder().setProjectId(EMULATOR.projectId()).setEmulatorHost(EMULATOR.host())
                .setCredentials(GoogleCredentials.create(new AccessToken("owner", null))).build().getService();
    }

    @AfterEach
    void close() throws Exception {
        processes.forEach(Mnemo::close);
        firestore.close();
    }

    private FirestoreStoreConfig firestoreConfig() {
        return FirestoreStoreConfig.builder().emulatorHost(EMULATOR.host()).projectId(EMULATOR.projectId())
                .timeout(Duration.ofSeconds(5)).build();
    }

    private static AnalyticsConfig.Builder settings() {
        return AnalyticsConfig.builder().sweepInterval(Duration.ofHours(1)).lease(Duration.ofMillis(500))
                .retryBackoff(Duration.ofMillis(50)).maxRetryBackoff(Duration.ofMillis(200));
    }

    /** A process: Redis hot, Firestore durable, analytics written to Firestore through {@code sink}. */
    private Process start(AnalyticsConfig config, SwitchableSink sink, MemoryStore... tiers) {
        SessionAnalytics analytics = SessionAnalytics.builder().settings(config).sink(sink).build();
        Mnemo mnemo = Mnemo.builder().tiers(tiers).settings(MnemoConfig.builder().namespace(namespace).build())
                .listener(analytics).build();
        processes.add(mnemo);
        return new Process(mnemo, analytics);
    }

    private Process start(AnalyticsConfig config, SwitchableSink sink) {
        return start(config, sink, RedisStore.create(RedisStoreConfig.builder().uri(REDIS.uri()).build()),
                new FirestoreStore(firestoreConfig()));
    }

    private SwitchableSink firestoreSink() {
        return new SwitchableSink(new FirestoreAnalyticsSink(firestoreConfig(), 20, 200));
    }

    private record Process(Mnemo mnemo, SessionAnalytics analytics) {
    }

    /** @return the batches a process has seen to the sink: written, or found written after an attempt that timed out */
    private static long done(Process process) {
        return process.analytics().stats().batchesWritten() + process.analytics().stats().batchesAlreadyWritten();
    }

    private static Message answer(String content, List<String> sources) {
        return Message.builder(Role.ASSISTANT).content(content).metadata(Map.of("sources", sources, "tokensIn", 50,
                "latency", Map.of("llm", 400))).build();
    }

    private DocumentSnapshot doc(String path) {
        try {
            return firestore.document("namespaces/" + namespace + "/" + path).get().get();
        } catch (InterruptedException | ExecutionException e) {
            throw new AssertionError(e);
        }
    }

    private List<DocumentSnapshot> records() {
        try {
            return new ArrayList<>(firestore.collection("namespaces/" + namespace + "/analytics").get().get().getDocuments());
        } catch (InterruptedException | ExecutionException e) {
            throw new AssertionError(e);
        }
    }

    private long userCounter(String userId, String name) {
        Object value = doc("users/" + userId).get(FieldPath.of("analytics", name));
        return value == null ? 0 : ((Number) value).longValue();
    }

    @Test
    void theBatchIsWrittenOnceWithItsRecordUserStatsAndEntryUsageAndTheBufferIsDropped() {
        Process process = start(settings().build(), firestoreSink());
        var chat = process.mnemo().blocking();
        long created = chat.openSession(id, "u1").createdAt().toEpochMilli();
        chat.append(id, Message.user("Can I return shoes?"), answer("Yes, within 30 days.", List.of("kb-1", "kb/2")));
        chat.append(id, Message.user("And boots?"), answer("Boots too.", List.of("kb-1")));
        assertThat(chat.endSession(id)).isTrue();

        Eventually.await("the record", WAIT, () -> doc("analytics/chat-1@" + created).exists());
        DocumentSnapshot record = doc("analytics/chat-1@" + created);
        assertThat(record.getString("userId")).isEqualTo("u1");
        assertThat(record.getString("reason")).isEqualTo("ENDED");
        assertThat(record.getLong("answerCount")).isEqualTo(2);
        assertThat(record.getLong("messageCount")).isEqualTo(4);
        assertThat(record.getLong("tokensIn")).isEqualTo(100);
        assertThat((List<?>) record.get("answers")).hasSize(2);
        assertThat(userCounter("u1", "sessions")).isEqualTo(1);
        assertThat(userCounter("u1", "answers")).isEqualTo(2);
        assertThat((List<?>) doc("users/u1").get(FieldPath.of("analytics", "recentSessions"))).hasSize(1);
        assertThat(doc("kbEntries/kb-1").getLong("uses")).isEqualTo(2);
        assertThat(records()).hasSize(1);

        Eventually.await("the buffer dropped", WAIT, () -> {
            try (RedisClient client = RedisClient.create(REDIS.uri());
                 StatefulRedisConnection<String, String> redis = client.connect()) {
                return redis.sync().exists("mnemo:" + namespace + ":{chat-1}:analytics") == 0
                        && redis.sync().zscore("mnemo:" + namespace + ":analytics-due", "chat-1") == null;
            }
        });
    }

    @Test
    void aRepeatedSinkWriteOfABatchCountsNothingTwice() {
        FirestoreAnalyticsSink sink = new FirestoreAnalyticsSink(firestoreConfig(), 20, 200);
        try {
            AnalyticsBatch batch = new AnalyticsBatch(new SessionRef(namespace, id), "u1",
                    java.time.Instant.parse("2025-01-01T10:00:00Z"), java.time.Instant.parse("2025-01-01T10:05:00Z"),
                    AnalyticsBatch.Reason.ENDED, 2, 20, List.of(dev.mnemo.spi.AnswerRecord.builder(Message.newId(),
                    java.time.Instant.parse("2025-01-01T10:01:00Z")).sources(List.of("kb-1")).build()));
            List<CompletableFuture<Boolean>> writes = List.of(sink.write(batch).toCompletableFuture(),
                    sink.write(batch).toCompletableFuture(), sink.write(batch).toCompletableFuture());
            assertThat(writes.stream().filter(CompletableFuture::join).count()).isEqualTo(1);
            assertThat(sink.write(batch).toCompletableFuture().join()).isFalse();
            assertThat(userCounter("u1", "sessions")).isEqualTo(1);
            assertThat(doc("kbEntries/kb-1").getLong("uses")).isEqualTo(1);
        } finally {
            sink.close();
        }
    }

    @Test
    void twoProcessesEndingTheSameSessionAtOnceGiveOneWrite() {
        Process first = start(settings().build(), firestoreSink());
        Process second = start(settings().build(), firestoreSink());
        first.mnemo().blocking().openSession(id, "u1");
        first.mnemo().blocking().append(id, Message.user("Hi"), answer("Hello from one.", List.of("kb-1")));
        second.mnemo().blocking().append(id, Message.user("Again"), answer("Hello from two.", List.of("kb-1")));

        CompletableFuture<Boolean> one = first.mnemo().endSession(id).toCompletableFuture();
        CompletableFuture<Boolean> two = second.mnemo().endSession(id).toCompletableFuture();
        assertThat(List.of(one.join(), two.join())).containsExactlyInAnyOrder(true, false);

        Eventually.await("the record", WAIT, () -> records().size() == 1);
        Eventually.await("both processes idle", WAIT, () -> done(first) + done(second) == 1);
        assertThat(records().get(0).getLong("answerCount")).as("answers buffered by both processes").isEqualTo(2);
        assertThat(first.analytics().sweep().toCompletableFuture().join()
                + second.analytics().sweep().toCompletableFuture().join()).isZero();
        assertThat(userCounter("u1", "sessions")).isEqualTo(1);
        assertThat(doc("kbEntries/kb-1").getLong("uses")).isEqualTo(2);
    }

    @Test
    void whenTheProcessThatClaimedTheEndDiesItsBatchIsWrittenByAnotherOnce() {
        SwitchableSink down = firestoreSink();
        down.down();
        Process dying = start(settings().build(), down);
        Process survivor = start(settings().build(), firestoreSink());
        dying.mnemo().blocking().openSession(id, "u1");
        dying.mnemo().blocking().append(id, Message.user("Hi"), answer("Hello.", List.of("kb-1")));
        assertThat(dying.mnemo().blocking().endSession(id)).isTrue();
        Eventually.await("a failed attempt", WAIT, () -> down.refused() > 0);
        dying.mnemo().close();
        processes.remove(dying.mnemo());

        Eventually.await("the record", WAIT, () -> {
            survivor.analytics().sweep().toCompletableFuture().join();
            return records().size() == 1;
        });
        Eventually.await("the survivor's write", WAIT, () -> done(survivor) == 1);
        assertThat(records().get(0).getString("reason")).isEqualTo("ENDED");
        assertThat(userCounter("u1", "sessions")).isEqualTo(1);
    }

    @Test
    void anIdleSessionIsEndedByTheSweepAndItsBatchWrittenAsExpired() throws InterruptedException {
        Process process = start(settings().idleTimeout(Duration.ofMillis(300)).build(), firestoreSink());
        var chat = process.mnemo().blocking();
        chat.openSession(id, "u1");
        chat.append(id, Message.user("Hi"), answer("Hello.", List.of("kb-1")));
        Thread.sleep(400);
        Eventually.await("the record", WAIT, () -> {
            process.analytics().sweep().toCompletableFuture().join();
            return records().size() == 1;
        });
        assertThat(records().get(0).getString("reason")).isEqualTo("EXPIRED");
        assertThat(records().get(0).getLong("answerCount")).isEqualTo(1);
        assertThat(chat.getSession(id).value().orElseThrow().status()).isEqualTo(SessionStatus.ENDED);
    }

    @Test
    void readsAloneKeepASessionHotAndActiveThenTheSweepEndsItAsIdleOnceTheyStop() throws InterruptedException {
        Duration ttl = Duration.ofSeconds(2);
        Process process = start(settings().idleTimeout(ttl).build(), firestoreSink(),
                RedisStore.create(RedisStoreConfig.builder().uri(REDIS.uri()).ttl(ttl).build()),
                new FirestoreStore(firestoreConfig()));
        var chat = process.mnemo().blocking();
        chat.openSession(id, "u1");
        chat.append(id, Message.user("Hi"), answer("Hello.", List.of("kb-1")));
        long readUntil = System.nanoTime() + ttl.multipliedBy(2).toNanos();
        while (System.nanoTime() < readUntil) {
            chat.context(id, ContextPolicy.lastMessages(10));
            Thread.sleep(200);
        }
        assertThat(process.mnemo().getSession(id).toCompletableFuture().join().tier())
                .as("two TTLs of reads alone keep the session in Redis").isEqualTo(RedisStore.NAME);
        process.analytics().sweep().toCompletableFuture().join();
        assertThat(chat.getSession(id).value().orElseThrow().status()).as("read a moment ago: not idle").isEqualTo(SessionStatus.ACTIVE);
        Thread.sleep(ttl.plusMillis(500).toMillis()); // no reads now: through Mnemo they would count as activity
        Eventually.await("the idle session ended by the sweep", WAIT, () -> {
            process.analytics().sweep().toCompletableFuture().join();
            return "ENDED".equals(doc("sessions/" + id.value()).getString("status"));
        });
        assertThat(doc("sessions/" + id.value()).getString("endReason")).isEqualTo(SessionEnd.IDLE);
        assertThat(chat.getSession(id).value().orElseThrow().end()).isEqualTo(new SessionEnd(SessionEnd.IDLE, SessionEnd.SWEEP));
    }

    @Test
    void aSessionThatExpiredFromRedisWithNoOtherTierIsStillWritten() throws InterruptedException {
        Process process = start(settings().build(), firestoreSink(),
                RedisStore.create(RedisStoreConfig.builder().uri(REDIS.uri()).ttl(Duration.ofMillis(500)).build()));
        var chat = process.mnemo().blocking();
        long created = chat.openSession(id, "u1").createdAt().toEpochMilli();
        chat.append(id, Message.user("Hi"), answer("Hello.", List.of("kb-1")));
        Thread.sleep(700);
        assertThat(chat.getSession(id).value()).as("gone from Redis").isEmpty();
        Eventually.await("the record", WAIT, () -> {
            process.analytics().sweep().toCompletableFuture().join();
            return doc("analytics/chat-1@" + created).exists();
        });
        DocumentSnapshot record = doc("analytics/chat-1@" + created);
        assertThat(record.getString("reason")).isEqualTo("EXPIRED");
        assertThat(record.getString("userId")).isEqualTo("u1");
        assertThat(record.getLong("answerCount")).isEqualTo(1);
    }
}
