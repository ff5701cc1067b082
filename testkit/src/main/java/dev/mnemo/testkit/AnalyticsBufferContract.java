package dev.mnemo.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mnemo.Message;
import dev.mnemo.SessionId;
import dev.mnemo.spi.AnalyticsBuffer;
import dev.mnemo.spi.AnalyticsBuffer.BufferedSession;
import dev.mnemo.spi.AnswerRecord;
import dev.mnemo.spi.SessionRef;
import dev.mnemo.spi.support.Stages;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link AnalyticsBuffer} keeps, as JUnit 5 tests: idempotent adds read back in
 * id order, the first owner kept, a schedule per namespace read earliest first, one winner among
 * concurrent claims, removal, and remembered purges. A buffer's test extends this class and says
 * only how to make one; each test works in a namespace of its own.
 */
public abstract class AnalyticsBufferContract {

    /** How long the tests' buffers keep their entries: a day, longer than any test. */
    protected static final Duration RETENTION = Duration.ofDays(1);

    private static final Instant T0 = Instant.parse("2025-01-01T10:00:00.123Z");

    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private AnalyticsBuffer buffer;
    private String namespace;
    private SessionRef ref;

    /** @return a new buffer whose entries live at least {@link #RETENTION} */
    protected abstract AnalyticsBuffer createBuffer();

    /**
     * Closes {@code resource} after the current test, after anything registered later: for what a
     * buffer lives in, such as the store that made it.
     *
     * @return {@code resource}
     */
    protected <T extends AutoCloseable> T closeAfterTest(T resource) {
        resources.push(resource);
        return resource;
    }

    @BeforeEach
    void openBuffer() {
        buffer = createBuffer();
        namespace = "ns-" + UUID.randomUUID().toString().substring(0, 8);
        ref = new SessionRef(namespace, SessionId.of("chat-1"));
    }

    @AfterEach
    void closeResources() throws Exception {
        while (!resources.isEmpty()) {
            resources.pop().close();
        }
    }

    private static AnswerRecord answer(UUID id, String query) {
        return AnswerRecord.builder(id, T0).query(query).responseLength(12).confidence(0.5)
                .sources(List.of("kb-1", "kb/2")).model("m").tokens(3, 4).latency("llm", 640).latency("llm", 95).build();
    }

    private static <T> T join(CompletionStage<T> stage) {
        return Stages.join(stage);
    }

    @Test
    void addWhenMessageIdAlreadyBufferedThenBufferedOnceAndReadInIdOrder() {
        UUID first = Message.newId();
        UUID second = Message.newId();
        join(buffer.add(ref, answer(second, "b"), T0));
        join(buffer.add(ref, answer(first, "a"), T0));
        join(buffer.add(ref, answer(second, "replayed"), T0));
        BufferedSession read = join(buffer.read(ref));
        assertThat(read.answers()).containsExactly(answer(first, "a"), answer(second, "b"));
        assertThat(read.startedAt()).isNull();
    }

    @Test
    void trackKeepsTheFirstOwnerAndStart() {
        join(buffer.track(ref, "u1", T0, T0.plusSeconds(60)));
        join(buffer.track(ref, "u2", T0.plusSeconds(5), T0.plusSeconds(90)));
        BufferedSession read = join(buffer.read(ref));
        assertThat(read.userId()).isEqualTo("u1");
        assertThat(read.startedAt()).isEqualTo(T0);
        assertThat(join(buffer.due(namespace, T0.plusSeconds(60), 10))).containsExactly(ref.id());
    }

    @Test
    void readOfAnUnknownSessionIsEmpty() {
        assertThat(join(buffer.read(ref))).isEqualTo(BufferedSession.EMPTY);
    }

    @Test
    void dueListsOnlyThisNamespacesSessionsAtOrBeforeNowEarliestFirst() {
        SessionRef later = new SessionRef(namespace, SessionId.of("chat-2"));
        SessionRef elsewhere = new SessionRef(namespace + "x", SessionId.of("chat-3"));
        join(buffer.schedule(later, T0.plusSeconds(20)));
        join(buffer.schedule(ref, T0.plusSeconds(10)));
        join(buffer.schedule(elsewhere, T0));
        assertThat(join(buffer.due(namespace, T0.plusSeconds(15), 10))).containsExactly(ref.id());
        assertThat(join(buffer.due(namespace, T0.plusSeconds(20), 10))).containsExactly(ref.id(), later.id());
        assertThat(join(buffer.due(namespace, T0.plusSeconds(20), 1))).containsExactly(ref.id());
    }

    @Test
    void addSchedulesOnlyASessionNotScheduledYet() {
        join(buffer.schedule(ref, T0.plusSeconds(10)));
        join(buffer.add(ref, answer(Message.newId(), "q"), T0.plusSeconds(100)));
        assertThat(join(buffer.due(namespace, T0.plusSeconds(10), 10))).containsExactly(ref.id());
    }

    @Test
    void ofConcurrentClaimsOfADueSessionExactlyOneWins() {
        join(buffer.schedule(ref, T0));
        Instant now = T0.plusSeconds(1);
        List<CompletableFuture<Boolean>> claims = IntStream.range(0, 16).mapToObj(i -> CompletableFuture.supplyAsync(
                () -> join(buffer.claim(ref, now, now.plus(Duration.ofMinutes(1)))))).toList();
        assertThat(claims.stream().filter(CompletableFuture::join).count()).isEqualTo(1);
        assertThat(join(buffer.due(namespace, now, 10))).as("leased").isEmpty();
        assertThat(join(buffer.due(namespace, now.plus(Duration.ofMinutes(1)), 10))).containsExactly(ref.id());
    }

    @Test
    void claimOfASessionNotDueOrNotScheduledFails() {
        assertThat(join(buffer.claim(ref, T0, T0.plusSeconds(60)))).isFalse();
        join(buffer.schedule(ref, T0.plusSeconds(10)));
        assertThat(join(buffer.claim(ref, T0, T0.plusSeconds(60)))).isFalse();
    }

    @Test
    void removeDropsTheBufferAndTheSchedule() {
        join(buffer.track(ref, "u1", T0, T0));
        join(buffer.add(ref, answer(Message.newId(), "q"), T0));
        join(buffer.remove(ref));
        assertThat(join(buffer.read(ref))).isEqualTo(BufferedSession.EMPTY);
        assertThat(join(buffer.due(namespace, T0.plusSeconds(60), 10))).isEmpty();
    }

    @Test
    void forgottenUsersAreRememberedWithTheirPurgeTime() {
        assertThat(join(buffer.forgottenAt(namespace, "u1"))).isEmpty();
        join(buffer.forgetUser(namespace, "u1", T0));
        assertThat(join(buffer.forgottenAt(namespace, "u1"))).contains(T0);
        assertThat(join(buffer.forgottenAt(namespace, "u2"))).isEmpty();
    }
}
