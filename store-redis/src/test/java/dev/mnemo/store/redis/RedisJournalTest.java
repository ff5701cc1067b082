package dev.mnemo.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mnemo.JournalFullException;
import dev.mnemo.Message;
import dev.mnemo.Session;
import dev.mnemo.SessionId;
import dev.mnemo.spi.support.Stages;
import dev.mnemo.spi.JournalPage;
import dev.mnemo.spi.SessionRef;
import dev.mnemo.testkit.redis.RedisServerExtension;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The journal toward the durable tier: written in the append's own script, found by any process, never lost. */
class RedisJournalTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final Duration LEASE = Duration.ofMillis(300);

    private RedisStore store;
    private RawRedis raw;
    private RedisCommands<String, String> redis;
    private SessionRef ref;
    private String base;

    @BeforeEach
    void open() {
        store = RedisStore.create(RedisStoreConfig.builder().uri(REDIS.uri()).windowSize(5).journalLimit(20)
                .journalLease(LEASE).build());
        raw = new RawRedis(REDIS.uri());
        redis = raw.commands();
        ref = new SessionRef("journal-" + UUID.randomUUID(), SessionId.of("s1"));
        base = "mnemo:" + ref.namespace() + ":{s1}:";
        await(store.createSession(Session.create(ref, "u1", Map.of("channel", "web"), Instant.now())));
    }

    @AfterEach
    void close() {
        store.close();
        raw.close();
    }

    @Test
    void aJournaledAppendKeepsEveryMessageBeyondTheWindowUntilItIsSettled() {
        List<Message> sent = messages(12);
        await(store.appendJournaled(ref, sent));

        assertThat(redis.llen(base + "msgs")).as("the window stays trimmed").isEqualTo(5);
        JournalPage page = await(store.read(ref, 100, Long.MAX_VALUE));
        assertThat(page.messages()).isEqualTo(sent);
        assertThat(page.session()).hasValueSatisfying(session -> {
            assertThat(session.userId()).isEqualTo("u1");
            assertThat(session.metadata()).containsEntry("channel", "web");
        });
        assertThat(await(store.latest(ref, 3))).isEqualTo(sent.subList(9, 12));

        assertThat(await(store.settle(ref, ids(sent.subList(0, 10))))).isEqualTo(2);
        assertThat(await(store.read(ref, 100, Long.MAX_VALUE)).messages()).isEqualTo(sent.subList(10, 12));
        assertThat(await(store.settle(ref, ids(sent.subList(10, 12))))).isZero();
        assertThat(redis.exists(base + "journal", base + "journal-data")).as("an empty journal leaves no key").isZero();
        assertThat(redis.zscore(journalDue(), "s1")).as("and leaves the index").isNull();
    }

    @Test
    void aPlainAppendJournalsNothingAndADuplicateIsJournaledOnce() {
        await(store.append(ref, messages(2)));
        assertThat(await(store.read(ref, 10, Long.MAX_VALUE)).isEmpty()).isTrue();
        List<Message> sent = messages(2);
        await(store.appendJournaled(ref, sent));
        await(store.appendJournaled(ref, sent));
        assertThat(await(store.read(ref, 10, Long.MAX_VALUE)).messages()).isEqualTo(sent);
    }

    @Test
    void aJournalPastItsLimitRefusesTheAppendAndStoresNothing() {
        await(store.appendJournaled(ref, messages(18)));
        assertThatThrownBy(() -> await(store.appendJournaled(ref, messages(3))))
                .isInstanceOf(JournalFullException.class).hasMessageContaining("mnemo.redis.journal-limit");
        assertThat(await(store.getSession(ref)).orElseThrow().messageCount()).isEqualTo(18);
        await(store.appendJournaled(ref, messages(2)));
        assertThat(await(store.getSession(ref)).orElseThrow().messageCount()).isEqualTo(20);
    }

    @Test
    void aSessionIsClaimedByAnotherProcessOnlyOnceItsLeaseRunsOut() throws InterruptedException {
        await(store.appendJournaled(ref, messages(3)));
        try (RedisStore other = RedisStore.create(store.config())) {
            assertThat(await(other.claimDue(ref.namespace(), 10))).as("the writer holds the lease").isEmpty();
            Thread.sleep(LEASE.toMillis() + 100);
            assertThat(await(other.claimDue(ref.namespace(), 10))).containsExactly(ref);
            assertThat(await(store.claimDue(ref.namespace(), 10))).as("claimed: leased to the claimer").isEmpty();
            await(other.renew(ref, Duration.ofMinutes(1)));
            Thread.sleep(LEASE.toMillis() + 100);
            assertThat(await(store.claimDue(ref.namespace(), 10))).as("renewed by its holder").isEmpty();
        }
    }

    @Test
    void aPoisonedEntryStaysCountedButUnreadUntilRetried() {
        List<Message> sent = messages(3);
        await(store.appendJournaled(ref, sent));
        await(store.poison(ref, List.of(sent.get(1).id())));
        assertThat(await(store.read(ref, 10, Long.MAX_VALUE)).messages()).containsExactly(sent.get(0), sent.get(2));
        assertThat(await(store.settle(ref, ids(List.of(sent.get(0), sent.get(2)))))).as("the poisoned one is left")
                .isEqualTo(1);
        assertThat(redis.zscore(journalDue(), "s1")).as("a session with a poisoned entry stays findable").isNotNull();
        assertThat(await(store.retryPoisoned(ref))).isEqualTo(1);
        assertThat(await(store.read(ref, 10, Long.MAX_VALUE)).messages()).containsExactly(sent.get(1));
    }

    @Test
    void anEntryThatCannotBeReadBackIsReportedNotDropped() {
        List<Message> sent = messages(2);
        await(store.appendJournaled(ref, sent));
        redis.hset(base + "journal-data", sent.get(0).id().toString(), "{not json");
        JournalPage page = await(store.read(ref, 10, Long.MAX_VALUE));
        assertThat(page.unreadable()).containsExactly(sent.get(0).id());
        assertThat(page.messages()).containsExactly(sent.get(1));
    }

    @Test
    void theJournalOutlivesTheSessionsExpiryAndAResetButNotAPurge() {
        List<Message> sent = messages(3);
        await(store.appendJournaled(ref, sent));
        redis.del(base + "meta", base + "msgs"); // as an expiry does
        assertThat(await(store.read(ref, 10, Long.MAX_VALUE)).messages()).isEqualTo(sent);
        assertThat(redis.pttl(base + "journal")).as("no expiry on the journal").isEqualTo(-1);

        await(store.createSession(Session.create(ref, "u1", Map.of(), Instant.now())));
        assertThat(await(store.reset(ref))).isTrue();
        assertThat(await(store.read(ref, 10, Long.MAX_VALUE)).messages()).as("a reset keeps the journal").isEqualTo(sent);

        await(store.createSession(Session.create(ref, "u1", Map.of(), Instant.now())));
        assertThat(await(store.deleteSession(ref))).isTrue();
        assertThat(redis.exists(base + "journal", base + "journal-data")).as("a purge drops it").isZero();
    }

    @Test
    void aReadStopsAtItsByteBoundButReadsAtLeastOneEntry() {
        List<Message> sent = messages(4);
        await(store.appendJournaled(ref, sent));
        assertThat(await(store.read(ref, 10, 1)).messages()).containsExactly(sent.get(0));
        assertThat(await(store.read(ref, 2, Long.MAX_VALUE)).messages()).containsExactly(sent.get(0), sent.get(1));
    }

    private String journalDue() {
        return "mnemo:" + ref.namespace() + ":journal-due";
    }

    private static List<Message> messages(int count) {
        List<Message> messages = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            messages.add(Message.user("message " + i).withTokens(3));
        }
        return messages;
    }

    private static List<UUID> ids(List<Message> messages) {
        return messages.stream().map(Message::id).toList();
    }

    private static <T> T await(CompletionStage<T> stage) {
        return Stages.join(stage);
    }
}
