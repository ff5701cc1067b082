package dev.mnemo.store.firestore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mnemo.InvalidInputException;
import dev.mnemo.Message;
import dev.mnemo.Session;
import dev.mnemo.SessionId;
import dev.mnemo.spi.BatchWriter;
import dev.mnemo.spi.SessionRef;
import dev.mnemo.spi.support.Stages;
import dev.mnemo.testkit.firestore.FirestoreEmulatorExtension;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The batch writes a journal drains through: several sessions per commit, exact counters, no lock held. */
class FirestoreBatchWriterTest {

    @RegisterExtension
    static final FirestoreEmulatorExtension EMULATOR = new FirestoreEmulatorExtension(
            FirestoreEmulatorExtension.DEFAULT_PROJECT_ID, false);

    private FirestoreStore store;
    private String namespace;

    @BeforeEach
    void open() {
        store = new FirestoreStore(FirestoreStoreConfig.builder().emulatorHost(EMULATOR.host())
                .projectId(EMULATOR.projectId()).build());
        namespace = "batch-" + UUID.randomUUID();
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void oneCommitStoresSeveralSessionsAndCountsOnlyWhatWasNew() {
        SessionRef first = session("a");
        SessionRef second = session("b");
        List<Message> one = messages(3);
        List<Message> two = messages(2);
        Stages.join(store.append(first, one.subList(0, 1)));

        Map<SessionRef, BatchWriter.Stored> stored = Stages.join(store.appendAll(Map.of(first, one, second, two)));

        assertThat(stored.get(first).created()).containsExactlyInAnyOrder(one.get(1).id(), one.get(2).id());
        assertThat(stored.get(first).messageCount()).isEqualTo(3);
        assertThat(stored.get(second).created()).hasSize(2);
        assertThat(Stages.join(store.messagesAfter(first, null, 10))).isEqualTo(one);
        assertThat(Stages.join(store.getSession(second)).orElseThrow().messageCount()).isEqualTo(2);
    }

    @Test
    void aMissingSessionIsLeftOutAndGetsNothingWhileAnEndedOneTakesItsMessages() {
        SessionRef ended = session("ended");
        Stages.join(store.endSession(ended));
        SessionRef missing = new SessionRef(namespace, SessionId.of("missing"));

        Map<SessionRef, BatchWriter.Stored> stored = Stages.join(store.appendAll(Map.of(ended, messages(2),
                missing, messages(2))));

        assertThat(stored).containsOnlyKeys(ended);
        assertThat(Stages.join(store.getSession(ended)).orElseThrow().messageCount()).isEqualTo(2);
        assertThat(Stages.join(store.getSession(missing))).isEmpty();
    }

    @Test
    void concurrentCommitsOfOneSessionStoreEachMessageOnceWithExactCounters() {
        SessionRef ref = session("contended");
        List<Message> shared = messages(40);
        List<CompletableFuture<Map<SessionRef, BatchWriter.Stored>>> commits = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            List<Message> part = new ArrayList<>(shared.subList(0, 20 + i * 5));
            commits.add(store.appendAll(Map.of(ref, part)).toCompletableFuture());
        }
        commits.forEach(CompletableFuture::join);
        Stages.join(store.appendAll(Map.of(ref, shared)));

        assertThat(Stages.join(store.messagesAfter(ref, null, 100))).isEqualTo(shared);
        assertThat(Stages.join(store.getSession(ref)).orElseThrow().messageCount()).isEqualTo(40);
    }

    @Test
    void aMessageWhoseDocumentCouldNeverFitIsRefusedWhenWeighed() {
        SessionRef ref = session("big");
        Message huge = Message.user("x".repeat(1_100_000));
        assertThatThrownBy(() -> store.weigh(ref, huge)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("1 MiB");
        assertThat(store.weigh(ref, Message.user("small"))).isPositive();
    }

    private SessionRef session(String id) {
        SessionRef ref = new SessionRef(namespace, SessionId.of(id));
        Stages.join(store.createSession(Session.create(ref, "u1", Map.of(), Instant.now())));
        return ref;
    }

    private static List<Message> messages(int count) {
        List<Message> messages = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            messages.add(Message.user("message " + i).withTokens(2));
        }
        return messages;
    }
}
