package dev.mnemo.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mnemo.BlockingMnemo;
import dev.mnemo.Message;
import dev.mnemo.Mnemo;
import dev.mnemo.Session;
import dev.mnemo.SessionEnd;
import dev.mnemo.SessionId;
import dev.mnemo.SessionNotFoundException;
import dev.mnemo.SessionStatus;
import dev.mnemo.WriteMode;
import dev.mnemo.context.ContextPolicy;
import dev.mnemo.it.WriterProcess.Ack;
import dev.mnemo.spi.SessionRef;
import dev.mnemo.spi.support.Stages;
import dev.mnemo.store.firestore.FirestoreStore;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The session around the messages survives too: session changes (open with metadata, state,
 * metadata, end with a reason) and appends made while Firestore is frozen live in the Redis
 * journal, not in the writer's memory, so a writer killed with SIGKILL loses none of them, whether
 * a restarted process or another instance that ran throughout delivers them; and a purge during the
 * outage is final at once, for every instance, and reaches Firestore once it answers.
 */
class SessionCrashTest {

    private static final Duration DRAIN = Duration.ofSeconds(60);
    @RegisterExtension
    static final Servers servers = new Servers();

    private final String namespace = Servers.namespace("session");
    private final DurableTranscripts transcripts = new DurableTranscripts(servers, namespace);

    @AfterEach
    void thaw() {
        servers.resumeFirestore();
    }

    @Test
    void sessionChangesAcknowledgedWhileFirestoreIsFrozenReachItAfterTheWriterIsKilled() throws Exception {
        servers.pauseFirestore();
        List<Ack> acked = runWriterUntilKilled();
        servers.resumeFirestore();
        try (Mnemo recovering = servers.mnemo(namespace, WriteMode.WRITE_THROUGH)) {
            assertEverySessionWriteIsInFirestore(acked);
        }
    }

    @Test
    void anInstanceThatRanThroughoutDeliversTheJournalOfOneKilledWhileFirestoreWasFrozen() throws Exception {
        try (Mnemo survivor = servers.mnemo(namespace, WriteMode.WRITE_THROUGH)) {
            servers.pauseFirestore();
            List<Ack> acked = runWriterUntilKilled();
            servers.resumeFirestore();
            assertEverySessionWriteIsInFirestore(acked); // no restart: the survivor claims the dead writer's journal
            assertThat(survivor.blocking().getSession(SessionId.of("journaled")).value().orElseThrow().end())
                    .isEqualTo(new SessionEnd("resolved", "agent-7"));
        }
    }

    @Test
    void aPurgeDuringAnOutageIsFinalAndReachesFirestoreFromAnotherProcess() throws Exception {
        SessionId id = SessionId.of("purged");
        try (Mnemo writer = servers.mnemo(namespace, WriteMode.WRITE_THROUGH)) {
            BlockingMnemo memory = writer.blocking();
            memory.openSession(id, "user-2");
            memory.append(id, Message.user("my card number is 4111"), Message.assistant("noted"));
            await("Firestore has the session before the outage", () -> durable(id));
            servers.pauseFirestore();
            long start = System.nanoTime();
            assertThat(memory.deleteSession(id)).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("a purge does not wait for a frozen Firestore")
                    .isLessThan(Duration.ofSeconds(5));
        }
        servers.resumeFirestore();
        try (Mnemo other = servers.mnemo(namespace, WriteMode.WRITE_THROUGH)) {
            await("the purge applied to Firestore", () -> durable(id).isEmpty() ? Optional.of(true) : Optional.empty());
            assertThat(other.blocking().getSession(id).value()).isEmpty();
            assertThatThrownBy(() -> Stages.join(servers.durableView().lastMessages(ref(id), 10)))
                    .isInstanceOf(SessionNotFoundException.class);
        }
    }

    @Test
    void aPurgeIsFinalForAnotherInstanceThatHeldTheSessionAndRanThroughout() throws Exception {
        SessionId id = SessionId.of("held-elsewhere");
        try (Mnemo purger = servers.mnemo(namespace, WriteMode.WRITE_THROUGH);
             Mnemo bystander = servers.mnemo(namespace, WriteMode.WRITE_THROUGH)) {
            purger.blocking().openSession(id, "user-3");
            purger.blocking().append(id, Message.user("my address is 1 Main St"));
            bystander.blocking().openSession(id, "user-3"); // its own tiers (the memory fallback) hold the session too
            bystander.blocking().append(id, Message.assistant("noted"));
            bystander.blocking().context(id, ContextPolicy.lastMessages(10));
            await("Firestore has the session before the outage", () -> durable(id));
            servers.pauseFirestore();
            assertThat(purger.blocking().deleteUser("user-3")).isEqualTo(1);

            assertPurgedFor(bystander, id);
            servers.resumeFirestore();
            await("the purge applied to Firestore", () -> durable(id).isEmpty() ? Optional.of(true) : Optional.empty());
            Thread.sleep(3_000); // both instances' maintenance runs: flushes, replays, re-warms
            assertPurgedFor(bystander, id);
            assertPurgedFor(purger, id);
            assertThat(durable(id)).as("Firestore").isEmpty();
            assertThat(redisKeysOf(id)).as("Redis keys of the session").isEmpty();
        }
    }

    /** Starts the session writer, waits for every acknowledgement and kills it with SIGKILL. */
    private List<Ack> runWriterUntilKilled() throws InterruptedException {
        try (WriterProcess writer = WriterProcess.start(SessionWriter.class, List.of(),
                servers.config(namespace, WriteMode.WRITE_THROUGH, Map.of()))) {
            writer.await("acknowledging every session change", Duration.ofSeconds(90),
                    () -> writer.notices().contains("DONE"));
            writer.kill();
            assertThat(writer.acks()).hasSize(SessionWriter.MESSAGES);
            return writer.acks();
        }
    }

    private void assertEverySessionWriteIsInFirestore(List<Ack> acked) throws InterruptedException {
        SessionId journaled = SessionId.of("journaled");
        Session first = await("the first session ended in Firestore", () -> durable(journaled)
                .filter(session -> session.status() == SessionStatus.ENDED)).orElseThrow();
        assertThat(first.userId()).isEqualTo("user-1");
        assertThat(first.metadata()).containsEntry("channel", "web").containsEntry("plan", "pro");
        assertThat(first.end()).isEqualTo(new SessionEnd("resolved", "agent-7"));
        try (FirestoreStore view = servers.durableView()) {
            assertThat(Stages.join(view.getState(ref(journaled))).values()).containsEntry("step", 2);
        }
        assertThat(await("the second session in Firestore", () -> durable(SessionId.of("second")))).isPresent();
        transcripts.assertHoldsExactly(acked, DRAIN);
    }

    /** Asserts that {@code mnemo} neither reads nor writes the purged session, from any of its tiers. */
    private static void assertPurgedFor(Mnemo mnemo, SessionId id) {
        BlockingMnemo memory = mnemo.blocking();
        assertThat(memory.getSession(id).value()).as("the session").isEmpty();
        assertThat(memory.listSessions("user-3", 10).value()).as("the user's sessions").isEmpty();
        assertThatThrownBy(() -> memory.context(id, ContextPolicy.lastMessages(10)))
                .isInstanceOf(SessionNotFoundException.class);
        assertThatThrownBy(() -> memory.append(id, Message.user("am I back?")))
                .as("an append to a purged session is refused, never a resurrection")
                .isInstanceOf(SessionNotFoundException.class);
    }

    /** @return the Redis keys of the session but its tombstone, which holds only when it was purged */
    private List<String> redisKeysOf(SessionId id) {
        RedisClient client = RedisClient.create(servers.redis.uri());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            List<String> keys = new ArrayList<>();
            ScanIterator.scan(connection.sync(), ScanArgs.Builder.matches("*" + namespace + "*{" + id.value() + "}*"))
                    .forEachRemaining(keys::add);
            return keys.stream().filter(key -> !key.endsWith(":tombstone")).toList();
        } finally {
            client.shutdown();
        }
    }

    private Optional<Session> durable(SessionId id) {
        try (FirestoreStore view = servers.durableView()) {
            return Stages.join(view.getSession(ref(id)));
        }
    }

    private SessionRef ref(SessionId id) {
        return new SessionRef(namespace, id);
    }

    private static <T> Optional<T> await(String what, Supplier<Optional<T>> check) throws InterruptedException {
        long deadline = System.nanoTime() + DRAIN.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                Optional<T> found = check.get();
                if (found.isPresent()) {
                    return found;
                }
            } catch (RuntimeException e) {
                // Firestore is still waking up; try again
            }
            Thread.sleep(100);
        }
        throw new AssertionError("Not within " + DRAIN + ": " + what);
    }
}
