package dev.mnemo.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mnemo.CorruptDataException;
import dev.mnemo.Message;
import dev.mnemo.Session;
import dev.mnemo.SessionId;
import dev.mnemo.StateDelta;
import dev.mnemo.Summary;
import dev.mnemo.spi.support.Stages;
import dev.mnemo.spi.SessionRef;
import dev.mnemo.testkit.redis.RedisServerExtension;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Data that cannot be read back is reported with its key, and the session's other keys stay readable. */
class RedisCorruptDataTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private RedisStore store;
    private RawRedis raw;
    private RedisCommands<String, String> redis;
    private SessionRef ref;
    private String base;

    @BeforeEach
    void sessionWithMessagesStateAndSummary() {
        store = RedisStore.create(RedisStoreConfig.builder().uri(REDIS.uri()).build());
        raw = new RawRedis(REDIS.uri());
        redis = raw.commands();
        ref = new SessionRef("corrupt-" + UUID.randomUUID(), SessionId.of("s1"));
        base = "mnemo:" + ref.namespace() + ":{s1}:";
        await(store.createSession(Session.create(ref, "u1", Map.of(), Instant.now())));
        await(store.append(ref, List.of(Message.user("one"), Message.assistant("two"), Message.user("three"))));
        await(store.applyState(ref, StateDelta.builder().set("topic", "billing").set("user:lang", "fr").build()));
        await(store.compareAndSetSummary(ref, 0, new Summary("so far", Message.newId(), 2, 1)));
    }

    @AfterEach
    void close() {
        store.close();
        raw.close();
    }

    @Test
    void messageThatIsNotJsonIsReportedWithItsKeyAndTheRestStaysReadable() {
        redis.lset(base + "msgs", 1, "not json");
        assertCorrupt(base + "msgs", () -> await(store.lastMessages(ref, 10)));
        assertCorrupt(base + "msgs", () -> await(store.readWindow(ref, 10, false)));
        assertThat(await(store.getSession(ref)).orElseThrow().messageCount()).isEqualTo(3);
        assertThat(await(store.getState(ref)).values()).containsEntry("topic", "billing");
        assertThat(await(store.getSummary(ref))).isPresent();
    }

    @Test
    void messageListOfTheWrongTypeIsReportedWithItsKeyAndNothingIsAppended() {
        redis.del(base + "msgs");
        redis.set(base + "msgs", "a string");
        assertCorrupt(base + "msgs", () -> await(store.lastMessages(ref, 10)));
        assertCorrupt(base + "msgs", () -> await(store.append(ref, List.of(Message.user("four")))));
        assertThat(await(store.getSession(ref)).orElseThrow().messageCount()).isEqualTo(3);
        assertThat(redis.get(base + "msgs")).isEqualTo("a string");
        assertThat(await(store.getState(ref)).values()).containsKey("topic");
    }

    @Test
    void stateOfTheWrongTypeIsReportedWithItsKeyAndMessagesStayReadable() {
        redis.del(base + "state");
        redis.rpush(base + "state", "x");
        assertCorrupt(base + "state", () -> await(store.getState(ref)));
        assertCorrupt(base + "state", () -> await(store.applyState(ref, StateDelta.set("topic", "sales"))));
        assertThat(await(store.lastMessages(ref, 10))).hasSize(3);
        assertThat(await(store.getSession(ref))).isPresent();
    }

    @Test
    void sharedStateValueThatIsNotJsonIsReportedWithItsKey() {
        String userState = "mnemo:" + ref.namespace() + ":user-state:{u1}";
        redis.hset(userState, "user:lang", "{not json");
        assertCorrupt(userState, () -> await(store.getState(ref)));
        assertThat(await(store.lastMessages(ref, 10))).hasSize(3);
    }

    @Test
    void summaryThatIsNotJsonIsReportedWithItsKey() {
        redis.set(base + "summary", "{broken");
        assertCorrupt(base + "summary", () -> await(store.getSummary(ref)));
        assertCorrupt(base + "summary", () -> await(store.compareAndSetSummary(ref, 1,
                new Summary("next", Message.newId(), 2, 2))));
        assertThat(await(store.lastMessages(ref, 10))).hasSize(3);
    }

    @Test
    void sessionWithABadCounterIsReportedWithItsKey() {
        redis.hset(base + "meta", "count", "many");
        assertCorrupt(base + "meta", () -> await(store.getSession(ref)));
        assertThat(await(store.lastMessages(ref, 10))).hasSize(3);
        assertThat(await(store.getSummary(ref))).isPresent();
    }

    private static void assertCorrupt(String key, ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(CorruptDataException.class).hasMessageContaining(key)
                .satisfies(error -> assertThat(((CorruptDataException) error).key()).contains(key));
    }

    private static <T> T await(CompletionStage<T> stage) {
        return Stages.join(stage);
    }
}
