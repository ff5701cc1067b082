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
import dev.mnemo.spi.SessionRef;
import dev.mnemo.spi.support.Stages;
import dev.mnemo.store.firestore.FirestoreStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The session around the messages survives too: session changes (open with metadata, state,
 * metadata, end with a reason) made while Firestore is frozen live in the Redis journal, not in the
 * writer's memory, so a writer killed with SIGKILL loses none of them; and a purge during the
 * outage is final at once and reaches Firestore once it answers, from another process.
 */
class SessionCrashTest {

    private static final Duration DRAIN = Duration.ofSeconds(60);
    @RegisterExtension
    static final Servers servers = new Servers();

    private final String namespace = Servers.namespace("session");

    @AfterEach
    void thaw() {
        servers.resumeFirestore();
    }

    @Test
    void sessionChangesAcknowledgedWhileFirestoreIsFrozenReachItAfterTheWriterIsKilled() throws Exception {
        servers.pauseFirestore();
        try (WriterProcess writer = WriterProcess.start(SessionWriter.class, List.of(),
                servers.config(namespace, WriteMode.WRITE_THROUGH, Map.of()))) {
            writer.await("acknowledging every session change", Duration.ofSeconds(60),
                    () -> writer.notices().contains("DONE"));
            writer.kill();
        }
        servers.resumeFirestore();
        try (Mnemo recovering = servers.mnemo(namespace, WriteMode.WRITE_THROUGH);
             FirestoreStore durable = servers.durableView()) {
            Session first = await("the first session ended in Firestore", () -> durable(durable, "journaled")
                    .filter(session -> session.status() == SessionStatus.ENDED)).orElseThrow();
            assertThat(first.userId()).isEqualTo("user-1");
            assertThat(first.metadata()).containsEntry("channel", "web").containsEntry("plan", "pro");
            assertThat(first.end()).isEqualTo(new SessionEnd("resolved", "agent-7"));
            assertThat(Stages.join(durable.getState(ref("journaled"))).values()).containsEntry("step", 2);
            assertThat(await("the second session in Firestore", () -> durable(durable, "second"))).isPresent();
        }
    }

    @Test
    void aPurgeDuringAnOutageIsFinalAndReachesFirestoreFromAnotherProcess() throws Exception {
        SessionId id = SessionId.of("purged");
        try (Mnemo writer = servers.mnemo(namespace, WriteMode.WRITE_THROUGH);
             FirestoreStore durable = servers.durableView()) {
            BlockingMnemo memory = writer.blocking();
            memory.openSession(id, "user-2");
            memory.append(id, Message.user("my card number is 4111"), Message.assistant("noted"));
            await("Firestore has the session before the outage", () -> durable(durable, "purged"));
            servers.pauseFirestore();
            long start = System.nanoTime();
            assertThat(memory.deleteSession(id)).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("a purge does not wait for a frozen Firestore")
                    .isLessThan(Duration.ofSeconds(5));
        }
        servers.resumeFirestore();
        try (Mnemo other = servers.mnemo(namespace, WriteMode.WRITE_THROUGH);
             FirestoreStore durable = servers.durableView()) {
            await("the purge applied to Firestore", () -> durable(durable, "purged").isEmpty() ? Optional.of(true)
                    : Optional.empty());
            assertThat(Stages.join(other.getSession(id)).value()).isEmpty();
            assertThatThrownBy(() -> Stages.join(durable.lastMessages(ref("purged"), 10)))
                    .isInstanceOf(SessionNotFoundException.class);
        }
    }

    private Optional<Session> durable(FirestoreStore durable, String id) {
        return Stages.join(durable.getSession(ref(id)));
    }

    private SessionRef ref(String id) {
        return new SessionRef(namespace, SessionId.of(id));
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
