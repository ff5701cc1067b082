package dev.mnemo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mnemo.reference.MapMemoryStore;
import dev.mnemo.spi.StoreConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MnemoTest {

    private final MapMemoryStore store = MapMemoryStore.create();
    private final Mnemo mnemo = Mnemo.builder().tiers(store)
            .settings(MnemoConfig.builder().maxContentBytes(1024).build()).build();
    private final BlockingMnemo memory = mnemo.blocking();
    private final SessionId id = SessionId.of("chat-1");

    @AfterEach
    void close() {
        mnemo.close();
    }

    @Test
    void appendCountsTokensOnceAndARetryStoresNothingTwice() {
        memory.openSession(id, "u1");
        Message hello = Message.user("Hello, world!");
        AppendResult first = memory.append(id, hello);
        assertThat(first.messages().get(0).tokens()).isEqualTo(4);
        assertThat(first.appended()).isEqualTo(1);
        AppendResult retry = memory.append(id, hello);
        assertThat(retry.appended()).isZero();
        assertThat(retry.messageCount()).isEqualTo(1);
        assertThat(retry.tokenCount()).isEqualTo(4);
    }

    @Test
    void oversizedContentIsRefusedAndNothingIsStored() {
        memory.openSession(id, "u1");
        Message small = Message.user("fine");
        Message big = Message.user("x".repeat(1025));
        assertThatThrownBy(() -> memory.append(id, small, big))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("1025 bytes");
        assertThat(memory.history(id, 10).value()).isEmpty();
    }

    @Test
    void appendToASessionNotOpenedIsSessionNotFound() {
        assertThatThrownBy(() -> memory.append(id, Message.user("hi"))).isInstanceOf(SessionNotFoundException.class);
    }

    @Test
    void openSessionIsGetOrCreateAndChecksTheOwner() {
        Session created = memory.openSession(id, "u1", Map.of("channel", "voice"));
        assertThat(memory.openSession(id, "u1")).isEqualTo(created);
        assertThatThrownBy(() -> memory.openSession(id, "intruder")).isInstanceOf(ConflictException.class);
    }

    @Test
    void tempStateStaysInTheProcessAndIsDroppedWhenTheSessionEnds() {
        memory.openSession(id, "u1");
        memory.updateState(id, StateDelta.builder().set("temp:draft", "x").set("topic", "billing").build());
        assertThat(memory.state(id).value().values()).containsEntry("temp:draft", "x").containsEntry("topic", "billing");
        assertThat(store.getState(new dev.mnemo.spi.SessionRef("default", id)).toCompletableFuture().join().values())
                .doesNotContainKey("temp:draft");
        assertThat(memory.endSession(id)).isTrue();
        assertThat(memory.state(id).value().values()).doesNotContainKey("temp:draft").containsEntry("topic", "billing");
    }

    @Test
    void tempStateOfAnAbsentSessionIsSessionNotFound() {
        assertThatThrownBy(() -> memory.updateState(id, StateDelta.set("temp:x", 1)))
                .isInstanceOf(SessionNotFoundException.class);
    }

    @Test
    void asyncCallsFailTheirStageInsteadOfThrowing() {
        var stage = mnemo.history(id, 0);
        assertThat(stage.toCompletableFuture()).isCompletedExceptionally();
        assertThatThrownBy(() -> memory.history(id, 0)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> memory.append(id, List.of())).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void unknownTierNamesInConfigurationAreReported() {
        StoreConfig config = StoreConfig.of(Map.of("mnemo.tiers", "nosuchtier"));
        assertThatThrownBy(() -> Mnemo.builder().config(config).build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("nosuchtier");
    }

    @Test
    void deleteUserPurgesTheUsersSessions() {
        memory.openSession(id, "u1");
        memory.openSession(SessionId.of("chat-2"), "u1");
        memory.openSession(SessionId.of("chat-3"), "u2");
        assertThat(memory.listSessions("u1", 10).value()).hasSize(2);
        assertThat(memory.deleteUser("u1")).isEqualTo(2);
        assertThat(memory.listSessions("u1", 10).value()).isEmpty();
        assertThat(memory.getSession(SessionId.of("chat-3")).value()).isPresent();
    }
}
