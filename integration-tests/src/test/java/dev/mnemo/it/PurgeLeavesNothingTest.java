package dev.mnemo.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mnemo.BlockingMnemo;
import dev.mnemo.Message;
import dev.mnemo.Mnemo;
import dev.mnemo.MnemoConfig;
import dev.mnemo.Role;
import dev.mnemo.SessionId;
import dev.mnemo.StateDelta;
import dev.mnemo.WriteMode;
import dev.mnemo.analytics.SessionAnalytics;
import dev.mnemo.spi.AnswerRecord;
import dev.mnemo.spi.StoreConfig;
import dev.mnemo.spi.support.Stages;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A purge leaves nothing of the user in any tier: after {@code deleteUser} (and after
 * {@code deleteSession}) the Redis keys and Firestore documents of the namespace are listed from
 * the servers themselves, with the analytics module buffering answers in Redis and writing
 * batches to Firestore. What may remain are the tombstones, which hold no user data: a session's
 * ({@code …:{sid}:tombstone}) holds the purge time in epoch ms, the user's analytics tombstone
 * ({@code …:analytics-forgotten:{uid}}) the purge time as ISO-8601; both expire (7 days, the
 * analytics retention), and only their key names the purged id, so that no replay brings it back.
 */
@DisplayName("A purge leaves nothing but tombstones, analytics buffers included")
class PurgeLeavesNothingTest {

    @RegisterExtension
    static final Servers servers = new Servers();

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String TIME = "\\d{13}|\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z";

    private String namespace;
    private SessionAnalytics analytics;
    private Mnemo mnemo;
    private BlockingMnemo memory;
    private Leftovers leftovers;

    @BeforeEach
    void start() {
        namespace = Servers.namespace("purge");
        Map<String, String> keys = new HashMap<>(servers.config(namespace, WriteMode.WRITE_THROUGH, Map.of()));
        keys.put("mnemo.analytics.sink", "firestore");
        StoreConfig config = StoreConfig.of(keys);
        analytics = SessionAnalytics.builder().config(config).build();
        mnemo = Mnemo.builder().config(config).settings(MnemoConfig.from(config)).listener(analytics).build();
        memory = mnemo.blocking();
        leftovers = new Leftovers(servers, namespace);
    }

    @AfterEach
    void stop() throws Exception {
        mnemo.close();
        leftovers.close();
    }

    @Test
    void deleteUserLeavesOnlyTombstonesOfTheUserAndTheirSessions() {
        SessionId ended = SessionId.of("ended-chat");
        SessionId open = SessionId.of("open-chat");
        converse(ended, "ada");
        memory.endSession(ended);
        converse(open, "ada");
        memory.updateState(open, StateDelta.builder().set("user:city", "Lyon").set("draft", "a secret plan").build());
        await("the ended session's batch in Firestore", () -> analytics.stats().batchesWritten() == 1);
        assertThat(leftovers.redisKeys()).as("the open session's analytics buffer, before the purge")
                .containsKey("mnemo:" + namespace + ":{open-chat}:analytics");

        assertThat(memory.deleteUser("ada")).isEqualTo(2);

        awaitOnlyTombstones("mnemo:" + namespace + ":{ended-chat}:tombstone",
                "mnemo:" + namespace + ":{open-chat}:tombstone",
                "mnemo:" + namespace + ":analytics-forgotten:{ada}");
        assertThat(leftovers.firestoreDocuments()).as("Firestore documents left of the namespace").isEmpty();
    }

    @Test
    void deleteSessionOfAnOpenSessionLeavesOnlyItsTombstone() {
        SessionId open = SessionId.of("open-chat");
        converse(open, "bob");
        assertThat(leftovers.redisKeys()).containsKey("mnemo:" + namespace + ":{open-chat}:analytics");

        assertThat(memory.deleteSession(open)).isTrue();
        // An answer given before the purge that reaches the buffer after it (another process's append racing the purge).
        Stages.join(analytics.record(open, new AnswerRecord(UUID.randomUUID(), "my card number is 4111", 6, null, List.of(),
                null, 0, 0, Map.of(), Instant.now().minusSeconds(1))));

        awaitOnlyTombstones("mnemo:" + namespace + ":{open-chat}:tombstone");
        assertThat(leftovers.firestoreDocuments()).as("Firestore documents left of the namespace").isEmpty();
    }

    @Test
    void aSessionPurgedWhileItsWritesAreStillOnTheirWayToFirestoreIsNotRecreatedThere() throws InterruptedException {
        for (int i = 0; i < 5; i++) {
            SessionId racing = SessionId.of("racing-" + i);
            memory.openSession(racing, "eve"); // its create may still be on its way to Firestore: no wait for it
            memory.append(racing, Message.user("forget me " + i));
            assertThat(memory.deleteSession(racing)).isTrue();
        }
        awaitOnlyTombstones(java.util.stream.IntStream.range(0, 5)
                .mapToObj(i -> "mnemo:" + namespace + ":{racing-" + i + "}:tombstone").toArray(String[]::new));
        await("the purges in Firestore", () -> leftovers.firestoreDocuments().isEmpty());
        long until = System.nanoTime() + java.time.Duration.ofSeconds(3).toNanos();
        while (System.nanoTime() < until) { // a create that lands late must not bring a session back
            assertThat(leftovers.firestoreDocuments()).as("Firestore documents left of the namespace").isEmpty();
            Thread.sleep(200);
        }
    }

    /**
     * A question and an answer whose metadata the analytics buffer (its query is the user's text), waited for
     * until Firestore holds the session with its three messages.
     */
    private void converse(SessionId id, String user) {
        memory.openSession(id, user);
        memory.append(id, Message.system("You are a helpful assistant."), Message.user("My card number is 4111"),
                Message.builder(Role.ASSISTANT).content("Noted.").metadata(Map.of("confidence", 0.9, "model", "gpt-4o",
                        "latency", Map.of("llm", 300))).build());
        String document = "namespaces/" + namespace + "/sessions/" + id.value();
        await("the session in Firestore", () -> {
            Map<String, Object> session = leftovers.firestoreDocuments().get(document);
            return session != null && Long.valueOf(3).equals(session.get("messageCount"));
        });
    }

    /** Waits until the namespace's Redis keys are exactly {@code tombstones}, each holding a time and nothing else. */
    private void awaitOnlyTombstones(String... tombstones) {
        await("only tombstones in Redis", () -> leftovers.redisKeys().keySet().equals(java.util.Set.of(tombstones)));
        Map<String, String> left = leftovers.redisKeys();
        assertThat(left.keySet()).as("Redis keys left:\n%s", Leftovers.describe(left)).containsExactlyInAnyOrder(tombstones);
        assertThat(left.values()).as("what each tombstone holds: a time, no user data").allMatch(value -> value.matches(TIME));
    }

    private void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Not within " + WAIT + ": " + what + "\nRedis:\n"
                        + Leftovers.describe(leftovers.redisKeys()) + "\nFirestore:\n"
                        + Leftovers.describe(leftovers.firestoreDocuments()));
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
