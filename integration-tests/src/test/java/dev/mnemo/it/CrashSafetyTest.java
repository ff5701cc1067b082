package dev.mnemo.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mnemo.BlockingMnemo;
import dev.mnemo.Message;
import dev.mnemo.Mnemo;
import dev.mnemo.SessionId;
import dev.mnemo.WriteMode;
import dev.mnemo.MnemoHealth;
import dev.mnemo.spi.support.Stages;
import dev.mnemo.it.WriterProcess.Ack;
import dev.mnemo.spi.SessionRef;
import dev.mnemo.store.firestore.FirestoreStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Nothing acknowledged is lost, whatever dies: the application process (a child JVM killed with
 * SIGKILL), the Firestore emulator (frozen with SIGSTOP), or Redis (killed with SIGKILL, AOF with
 * {@code appendfsync always}). Each test counts every acknowledged message in Firestore afterwards:
 * each exactly once, in id order, and the session's counter agrees.
 */
class CrashSafetyTest {

    private static final Duration DRAIN = Duration.ofSeconds(90);
    @RegisterExtension
    static final Servers servers = new Servers();

    private final String namespace = Servers.namespace("crash");
    private final DurableTranscripts transcripts = new DurableTranscripts(servers, namespace);

    @AfterEach
    void thaw() {
        servers.resumeFirestore();
    }

    @Test
    void whenTheWriteBehindWriterIsKilledANewProcessFlushesEveryAcknowledgedMessage() throws Exception {
        try (WriterProcess writer = WriterProcess.start(5, 0, 2_000, false, config(WriteMode.WRITE_BEHIND))) {
            writer.await("acknowledging 1,500 appends", Duration.ofSeconds(60), () -> writer.acks().size() >= 1_500);
            writer.kill();
            List<Ack> acked = writer.acks();
            int durableAtKill = durableIds(acked).values().stream().mapToInt(List::size).sum();
            assertThat(durableAtKill).as("the writer died with acknowledged messages Firestore did not have").isLessThan(acked.size());
            assertNothingDropped(writer);
            try (Mnemo recovering = servers.mnemo(namespace, WriteMode.WRITE_BEHIND)) {
                assertDurableHoldsExactly(acked);
            }
        }
    }

    @Test
    void whenFirestoreFreezesWriteThroughAcknowledgesDegradedWithinTheDeadlineAndNothingIsLostWhenTheWriterDies()
            throws Exception {
        // A time limit far above the deadline, so an append that waited for it would show.
        try (WriterProcess writer = WriterProcess.start(3, 0, 300, false, config(WriteMode.WRITE_THROUGH,
                Map.of("mnemo.durable-deadline", "300ms", "mnemo.resilience.timeout", "5s", "mnemo.firestore.timeout", "10s")))) {
            writer.await("acknowledging 60 appends", Duration.ofSeconds(60), () -> writer.acks().size() >= 60);
            servers.pauseFirestore();
            int frozenAt = writer.acks().size();
            writer.await("acknowledging while Firestore is frozen", Duration.ofSeconds(30),
                    () -> writer.acks().size() >= frozenAt + 150);
            writer.kill();
            List<Ack> acked = writer.acks();
            // Appends already waiting when the emulator froze may have been answered by it: skip one per session.
            List<Ack> frozen = acked.subList(frozenAt + 3, acked.size());
            assertThat(frozen).allSatisfy(ack -> {
                assertThat(ack.degraded()).as("acknowledged from the journal").isTrue();
                assertThat(ack.millis()).as("within the deadline, not the 5 s time limit (a busy disk may delay Redis's fsync)")
                        .isLessThan(2_500);
            });
            servers.resumeFirestore();
            assertNothingDropped(writer);
            try (Mnemo recovering = servers.mnemo(namespace, WriteMode.WRITE_THROUGH)) {
                assertDurableHoldsExactly(acked);
            }
        }
    }

    @Test
    void largeMessagesBackToBackAreAllStoredAndCloseReturnsInTimeAndTheJvmExits() throws Exception {
        try (WriterProcess writer = WriterProcess.start(1, 80, 150_000, true, config(WriteMode.WRITE_BEHIND))) {
            assertThat(writer.exits(Duration.ofSeconds(60))).as("the JVM exits after close():\n" + writer.log()).isTrue();
            assertClosedWithin(writer, Duration.ofSeconds(10));
            assertThat(writer.acks()).hasSize(80);
            assertNothingDropped(writer);
            assertDurableHoldsExactly(writer.acks());
        }
    }

    @Test
    void largeMessagesWrittenWhileFirestoreIsFrozenAreReplayedByAnotherProcess() throws Exception {
        servers.pauseFirestore();
        try (WriterProcess writer = WriterProcess.start(1, 80, 150_000, true, config(WriteMode.WRITE_BEHIND))) {
            assertThat(writer.exits(Duration.ofSeconds(90))).as("the JVM exits after close():\n" + writer.log()).isTrue();
            assertClosedWithin(writer, Duration.ofSeconds(12));
            assertThat(writer.acks()).hasSize(80);
            servers.resumeFirestore();
            assertNothingDropped(writer);
            try (Mnemo recovering = servers.mnemo(namespace, WriteMode.WRITE_BEHIND)) {
                assertDurableHoldsExactly(writer.acks());
            }
        }
    }

    @Test
    void whenRedisAndTheWriterAreKilledRedisKeepsTheJournalAcrossItsRestart() throws Exception {
        servers.pauseFirestore(); // nothing reaches Firestore: every acknowledged message is only in Redis
        try (WriterProcess writer = WriterProcess.start(3, 0, 500, false, config(WriteMode.WRITE_BEHIND))) {
            writer.await("acknowledging 300 appends", Duration.ofSeconds(60), () -> writer.acks().size() >= 300);
            writer.kill();
            servers.redis.kill();
            servers.redis.restart();
            servers.resumeFirestore();
            assertNothingDropped(writer);
            try (Mnemo recovering = servers.mnemo(namespace, WriteMode.WRITE_BEHIND)) {
                assertDurableHoldsExactly(writer.acks());
            }
        }
    }

    @Test
    void aBulkImportOfSixRoundsIntoAHealthyFirestoreIsNeverRefusedAndTheLastSessionIsWhole() throws InterruptedException {
        SessionId id = SessionId.of("import");
        try (Mnemo mnemo = servers.mnemo(namespace, WriteMode.WRITE_THROUGH)) {
            BlockingMnemo memory = mnemo.blocking();
            List<Message> last = new ArrayList<>();
            for (int round = 0; round < 6; round++) {
                memory.deleteSession(id);
                memory.openSession(id, "importer");
                last.clear();
                for (int batch = 0; batch < 25; batch++) {
                    List<Message> messages = new ArrayList<>(400);
                    for (int i = 0; i < 400; i++) {
                        messages.add(Message.user("round " + round + " message " + (batch * 400 + i)));
                    }
                    memory.append(id, messages);
                    last.addAll(messages);
                }
            }
            List<Ack> acked = last.stream().map(message -> new Ack("import", message.id(), false, 0)).toList();
            assertDurableHoldsExactly(acked);
            // A saturated machine may make Firestore slow enough to open its breaker for a while; it closes again.
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (mnemo.blocking().health().status() != MnemoHealth.Status.UP && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            MnemoHealth health = mnemo.blocking().health();
            assertThat(health.status()).as(health.toString()).isEqualTo(MnemoHealth.Status.UP);
        }
    }

    private Map<String, String> config(WriteMode mode) {
        return config(mode, Map.of());
    }

    private Map<String, String> config(WriteMode mode, Map<String, String> overrides) {
        return servers.config(namespace, mode, overrides);
    }

    private void assertDurableHoldsExactly(List<Ack> acked) {
        transcripts.assertHoldsExactly(acked, DRAIN);
    }

    private Map<String, List<UUID>> durableIds(List<Ack> acked) {
        return transcripts.ids(acked);
    }

    private static void assertNothingDropped(WriterProcess writer) {
        assertThat(writer.log()).as("the writer's log").doesNotContain("lost").doesNotContain("dropped")
                .doesNotContain("refused message");
    }

    private static void assertClosedWithin(WriterProcess writer, Duration limit) {
        String closed = writer.notices().stream().filter(line -> line.startsWith("CLOSED ")).findFirst()
                .orElseThrow(() -> new AssertionError("close() did not return:\n" + writer.log()));
        assertThat(Long.parseLong(closed.substring("CLOSED ".length()))).as("close() took, in ms")
                .isLessThan(limit.toMillis());
    }
}
