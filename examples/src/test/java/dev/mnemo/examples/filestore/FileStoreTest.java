package dev.mnemo.examples.filestore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mnemo.CorruptDataException;
import dev.mnemo.Message;
import dev.mnemo.Session;
import dev.mnemo.SessionId;
import dev.mnemo.StateDelta;
import dev.mnemo.StoreUnavailableException;
import dev.mnemo.spi.SessionRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the file tier adds to the contract: its files outlive the store, and their faults are reported. */
class FileStoreTest {

    private static final SessionRef REF = new SessionRef("default", SessionId.of("chat-1"));

    @TempDir
    Path directory;

    @Test
    void aNewStoreOnTheSameDirectoryFindsEverythingWritten() {
        Message question = Message.user("Where is my parcel?").withTokens(6);
        try (FileStore store = store()) {
            join(store.createSession(Session.create(REF, "ada", Map.of(), Instant.now())));
            join(store.append(REF, List.of(question)));
            join(store.applyState(REF, StateDelta.builder().set("topic", "delivery").set("user:language", "en").build()));
        }
        try (FileStore reopened = store()) {
            assertThat(join(reopened.lastMessages(REF, 10))).containsExactly(question);
            assertThat(join(reopened.getSession(REF)).orElseThrow().tokenCount()).isEqualTo(6);
            assertThat(join(reopened.getState(REF)).values()).containsEntry("topic", "delivery")
                    .containsEntry("user:language", "en");
        }
    }

    @Test
    void idsThatDifferOnlyInCaseAreTwoSessions() {
        SessionRef upper = new SessionRef("default", SessionId.of("Chat-1"));
        try (FileStore store = store()) {
            join(store.createSession(Session.create(REF, "ada", Map.of(), Instant.now())));
            join(store.createSession(Session.create(upper, "grace", Map.of(), Instant.now())));
            assertThat(join(store.getSession(REF)).orElseThrow().userId()).isEqualTo("ada");
            assertThat(join(store.getSession(upper)).orElseThrow().userId()).isEqualTo("grace");
        }
    }

    @Test
    void aCorruptFileIsCorruptDataNamingTheFile() throws Exception {
        try (FileStore store = store()) {
            join(store.createSession(Session.create(REF, "ada", Map.of(), Instant.now())));
            Path file = new FileLayout(directory).session(REF);
            Files.writeString(file, "{\"session\": tru");
            assertThatThrownBy(() -> join(store.getSession(REF)))
                    .isInstanceOf(CorruptDataException.class).hasMessageContaining(file.toString());
        }
    }

    @Test
    void anIoErrorIsTheTierUnavailable() throws Exception {
        try (FileStore store = store()) {
            Files.delete(directory);
            Files.writeString(directory, "a file where the directory was");
            assertThatThrownBy(() -> join(store.createSession(Session.create(REF, "ada", Map.of(), Instant.now()))))
                    .isInstanceOf(StoreUnavailableException.class).hasMessageContaining("I/O error under " + directory);
            assertThat(join(store.health()).up()).isFalse();
        } finally {
            Files.delete(directory); // @TempDir cleans a directory, not a file
            Files.createDirectory(directory);
        }
    }

    private FileStore store() {
        return new FileStore(new FileStoreConfig(directory, true));
    }

    private static <T> T join(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().join();
        } catch (java.util.concurrent.CompletionException e) {
            throw (RuntimeException) e.getCause();
        }
    }
}
