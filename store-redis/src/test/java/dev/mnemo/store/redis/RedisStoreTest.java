package dev.mnemo.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mnemo.Message;
import dev.mnemo.Session;
import dev.mnemo.SessionId;
import dev.mnemo.StateDelta;
import dev.mnemo.Summary;
import dev.mnemo.spi.support.Stages;
import dev.mnemo.spi.AppendOutcome;
import dev.mnemo.spi.SessionRef;
import dev.mnemo.testkit.redis.RedisServerExtension;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.event.command.CommandListener;
import io.lettuce.core.event.command.CommandStartedEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the Redis tier does beyond the common contract: its layout, window edges and index writes. */
class RedisStoreTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final int WINDOW = 5;
    private static final Duration TTL = Duration.ofMinutes(10);

    private final AtomicInteger indexWrites = new AtomicInteger();
    private RedisStore store;
    private RawRedis raw;
    private RedisCommands<String, String> redis;
    private SessionRef ref;

    @BeforeEach
    void open() {
        CommandListener zadds = new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                if (event.getCommand().getType().toString().equals("ZADD")) {
                    indexWrites.incrementAndGet();
                }
            }
        };
        store = RedisStore.create(RedisStoreConfig.builder().uri(REDIS.uri()).windowSize(WINDOW).ttl(TTL).build(),
                List.of(zadds));
        raw = new RawRedis(REDIS.uri());
        redis = raw.commands();
        ref = new SessionRef("redis-" + UUID.randomUUID(), SessionId.of("s1"));
        await(store.createSession(Session.create(ref, "u1", Map.of(), Instant.now())));
    }

    @AfterEach
    void close() {
        store.close();
        raw.close();
    }

    @Test
    void sessionRecreatedWithItsCountersTakesItsLatestMessagesIntoTheEmptyWindow() {
        // How the router warms a session Redis lost: created with the durable counters minus the
        // window, then the window appended; the empty window must take those older ids.
        SessionRef warmed = new SessionRef(ref.namespace(), SessionId.of("warmed"));
        Session recorded = Session.create(warmed, "u1", Map.of(), Instant.now());
        await(store.createSession(new Session(recorded.id(), recorded.namespace(), recorded.userId(),
                recorded.createdAt(), recorded.updatedAt(), recorded.status(), Map.of(), 100, 300)));
        List<Message> window = messages(WINDOW);
        AppendOutcome outcome = await(store.append(warmed, window));
        assertThat(outcome.appended()).isEqualTo(WINDOW);
        assertThat(outcome.messageCount()).isEqualTo(100 + WINDOW);
        assertThat(await(store.lastMessages(warmed, WINDOW))).extracting(Message::id)
                .containsExactlyElementsOf(window.stream().map(Message::id).toList());
    }

    @Test
    void warmWindowArrivingAfterANewerAppendIsStillKept() {
        SessionRef warmed = new SessionRef(ref.namespace(), SessionId.of("raced"));
        await(store.createSession(Session.create(warmed, "u1", Map.of(), Instant.now())));
        List<Message> window = messages(WINDOW - 1);
        Message newest = Message.user("appended while the warm was under way").withTokens(1);
        await(store.append(warmed, List.of(newest)));
        AppendOutcome outcome = await(store.append(warmed, window));
        assertThat(outcome.appended()).isEqualTo(WINDOW - 1);
        List<UUID> expected = new ArrayList<>(window.stream().map(Message::id).toList());
        expected.add(newest.id());
        assertThat(await(store.lastMessages(warmed, WINDOW))).extracting(Message::id).containsExactlyElementsOf(expected);
    }

    @Test
    void lateIdInsideTheWindowIsInsertedInIdOrder() {
        List<Message> sent = messages(9);
        List<Message> early = new ArrayList<>(sent);
        Message late = early.remove(5);
        await(store.append(ref, early));
        AppendOutcome outcome = await(store.append(ref, List.of(late)));
        assertThat(outcome.appended()).isEqualTo(1);
        assertThat(outcome.messageCount()).isEqualTo(9);
        assertThat(await(store.lastMessages(ref, 10))).containsExactlyElementsOf(sent.subList(4, 9));
    }

    @Test
    void idOlderThanATrimmedWindowIsSkippedAndNotCounted() {
        List<Message> sent = messages(9);
        List<Message> early = new ArrayList<>(sent);
        Message late = early.remove(1);
        await(store.append(ref, early));
        AppendOutcome outcome = await(store.append(ref, List.of(late, sent.get(0))));
        assertThat(outcome.appended()).isZero();
        assertThat(outcome.messageCount()).isEqualTo(8);
        assertThat(await(store.lastMessages(ref, 10))).containsExactlyElementsOf(sent.subList(4, 9));
    }

    @Test
    void pagingAfterAnIdOlderThanTheWindowStartsAtTheWindow() {
        List<Message> sent = messages(9);
        await(store.append(ref, sent));
        assertThat(await(store.messagesAfter(ref, sent.get(0).id(), 2))).containsExactlyElementsOf(sent.subList(4, 6));
        assertThat(await(store.messagesAfter(ref, sent.get(6).id(), 10))).containsExactlyElementsOf(sent.subList(7, 9));
    }

    @Test
    void everyKeyOfTheSessionSharesItsHashTagAndExpiresWithIt() {
        await(store.append(ref, messages(2)));
        await(store.applyState(ref, StateDelta.builder().set("k", 1).set("user:lang", "fr").set("app:motd", "hi").build()));
        await(store.compareAndSetSummary(ref, 0, new Summary("s", Message.newId(), 1, 1)));
        String base = "mnemo:" + ref.namespace() + ":{s1}:";
        for (String suffix : List.of("meta", "msgs", "summary", "state")) {
            assertThat(redis.pttl(base + suffix)).as(suffix).isBetween(1L, TTL.toMillis());
        }
        String user = "mnemo:" + ref.namespace() + ":user:{u1}";
        String userState = "mnemo:" + ref.namespace() + ":user-state:{u1}";
        assertThat(redis.zrange(user, 0, -1)).containsExactly("s1");
        assertThat(redis.pttl(user)).isGreaterThan(TTL.toMillis());
        assertThat(redis.pttl(userState)).isGreaterThan(TTL.toMillis());
        assertThat(redis.pttl("mnemo:" + ref.namespace() + ":app-state")).as("app state does not expire").isEqualTo(-1);
    }

    @Test
    void appendRefreshesEveryKeysTtlOnceLessThan99PercentOfItIsLeft() {
        await(store.append(ref, messages(2)));
        await(store.applyState(ref, StateDelta.set("k", 1)));
        String base = "mnemo:" + ref.namespace() + ":{s1}:";
        long half = TTL.toMillis() / 2;
        redis.pexpire(base + "state", half);
        await(store.append(ref, messages(1)));
        assertThat(redis.pttl(base + "state")).as("over 99% left on the window: not refreshed").isLessThanOrEqualTo(half);

        redis.pexpire(base + "msgs", TTL.toMillis() * 98 / 100);
        await(store.append(ref, messages(1)));
        for (String suffix : List.of("meta", "msgs", "state")) {
            assertThat(redis.pttl(base + suffix)).as(suffix).isGreaterThan(TTL.toMillis() * 99 / 100);
        }
    }

    @Test
    void idsAlreadyInTheWindowAreSkippedWhereverTheyAre() {
        List<Message> sent = messages(4);
        await(store.append(ref, sent));
        Message newer = messages(1).get(0);
        AppendOutcome outcome = await(store.append(ref, List.of(sent.get(0), sent.get(2), newer, sent.get(3))));
        assertThat(outcome.appended()).isEqualTo(1);
        assertThat(outcome.messageCount()).isEqualTo(5);
        assertThat(await(store.lastMessages(ref, 10))).containsExactly(sent.get(0), sent.get(1), sent.get(2), sent.get(3), newer);
    }

    @Test
    void userIndexIsWrittenOnCreateAndAtMostOncePerIntervalOnActivity() {
        SessionRef other = new SessionRef(ref.namespace(), SessionId.of("s2"));
        int before = indexWrites.get();
        await(store.createSession(Session.create(other, "u1", Map.of(), Instant.now())));
        assertThat(indexWrites.get() - before).isEqualTo(1);
        for (int i = 0; i < 5; i++) {
            await(store.append(other, messages(1)));
            await(store.touchSession(other));
        }
        assertThat(indexWrites.get() - before).as("activity within a minute of the last index write").isEqualTo(1);
    }

    private static List<Message> messages(int count) {
        List<Message> messages = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            messages.add(Message.user("message " + i).withTokens(1));
        }
        return messages;
    }

    private static <T> T await(CompletionStage<T> stage) {
        return Stages.join(stage);
    }
}
