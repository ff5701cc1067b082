package dev.mnemo.examples.filestore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mnemo.BlockingMnemo;
import dev.mnemo.InvalidInputException;
import dev.mnemo.Message;
import dev.mnemo.Mnemo;
import dev.mnemo.SessionId;
import dev.mnemo.context.ContextPolicy;
import dev.mnemo.spi.StoreConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mnemo finds the file tier on the class path, and uses it only once it is configured. */
class FileStoreProviderTest {

    private static final SessionId ID = SessionId.of("plugin-demo");

    @TempDir
    Path directory;

    @Test
    void theTierIsAvailableOnlyWhenItsDirectoryIsSet() {
        FileStoreProvider provider = new FileStoreProvider();
        assertThat(provider.isAvailable(StoreConfig.DEFAULTS)).isFalse();
        assertThat(provider.isAvailable(StoreConfig.of(Map.of(FileStoreConfig.DIRECTORY.name(), " ")))).isFalse();
        assertThat(provider.isAvailable(StoreConfig.of(Map.of(FileStoreConfig.DIRECTORY.name(), directory.toString())))).isTrue();
    }

    @Test
    void everyBadKeyIsReportedAtOnce() {
        assertThatThrownBy(() -> FileStoreConfig.from(StoreConfig.of(Map.of("mnemo.file.fsync", "sometimes"))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("mnemo.file.directory: is required")
                .hasMessageContaining("mnemo.file.fsync 'sometimes': expected true or false");
    }

    @Test
    void mnemoTiersSelectsTheTierAndItsSessionsOutliveTheProcess() {
        StoreConfig config = StoreConfig.of(Map.of("mnemo.tiers", "file", FileStoreConfig.DIRECTORY.name(), directory.toString()));
        try (Mnemo mnemo = Mnemo.builder().config(config).build()) {
            BlockingMnemo memory = mnemo.blocking();
            memory.openSession(ID, "ada");
            memory.append(ID, Message.system("Be brief."), Message.user("Remember: the door code is 4711."));
            assertThat(memory.context(ID, ContextPolicy.lastMessages(10)).tier()).isEqualTo("file");
        }
        try (Mnemo restarted = Mnemo.builder().config(config).build()) {
            assertThat(restarted.blocking().history(ID, 10).value()).extracting(Message::content)
                    .containsExactly("Be brief.", "Remember: the door code is 4711.");
        }
    }

    @Test
    void unconfiguredItLeavesTheEmbeddedDefaultAlone() {
        try (Mnemo mnemo = Mnemo.builder().config(StoreConfig.of(Map.of())).build()) {
            assertThat(tiers(mnemo)).containsExactly("memory");
        }
    }

    @Test
    void configuredWithoutATierListItJoinsByPriorityBeforeTheMemoryTier() {
        StoreConfig config = StoreConfig.of(Map.of(FileStoreConfig.DIRECTORY.name(), directory.toString()));
        try (Mnemo mnemo = Mnemo.builder().config(config).build()) {
            assertThat(tiers(mnemo)).containsExactly("file", "memory");
            assertThat(mnemo.blocking().health().tier("file").orElseThrow().role()).as("the file tier is the durable one")
                    .isEqualTo("durable");
        }
    }

    private static List<String> tiers(Mnemo mnemo) {
        return mnemo.blocking().health().tiers().stream().map(dev.mnemo.MnemoHealth.TierHealth::name).toList();
    }
}
