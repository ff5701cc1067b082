package dev.mnemo.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mnemo.CorruptDataException;
import dev.mnemo.BlockingMnemo;
import dev.mnemo.InvalidInputException;
import dev.mnemo.Message;
import dev.mnemo.Mnemo;
import dev.mnemo.SessionId;
import dev.mnemo.State;
import dev.mnemo.StateDelta;
import dev.mnemo.ToolCall;
import dev.mnemo.reference.MapMemoryStore;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgentSessionTest {

    private final MapMemoryStore store = MapMemoryStore.create();
    private final SessionId id = SessionId.of("agent-1");
    private final ToolCall delete = new ToolCall("call-9", "delete_file", "{\"file_path\":\"notes.txt\"}");

    @Test
    void pendingToolCallsSurviveTheRunThatSavedThemAndOtherSessionsHaveNone() {
        try (Mnemo first = Mnemo.builder().tiers(store).build()) {
            BlockingMnemo memory = first.blocking();
            memory.openSession(id, "u1");
            memory.updateState(id, PendingToolCalls.add(new PendingToolCall(delete, "needs confirmation", Instant.now())));
        }
        try (Mnemo second = Mnemo.builder().tiers(store).build()) {
            BlockingMnemo memory = second.blocking();
            memory.openSession(id, "u1");
            SessionId other = SessionId.of("agent-2");
            memory.openSession(other, "u1");

            List<PendingToolCall> pending = PendingToolCalls.in(memory.state(id).value());

            assertThat(pending).extracting(PendingToolCall::call).containsExactly(delete);
            assertThat(pending.get(0).reason()).isEqualTo("needs confirmation");
            assertThat(PendingToolCalls.find(memory.state(id).value(), "call-9")).isPresent();
            assertThat(PendingToolCalls.in(memory.state(other).value())).isEmpty();

            memory.updateState(id, PendingToolCalls.resolve("call-9"));
            assertThat(PendingToolCalls.in(memory.state(id).value())).isEmpty();
        }
    }

    @Test
    void pendingCallsAreListedLongestWaitingFirstAndOtherKeysAreIgnored() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        PendingToolCall later = new PendingToolCall(new ToolCall("b", "t", "{}"), null, now.plusSeconds(5));
        PendingToolCall earlier = new PendingToolCall(new ToolCall("a", "t", "{}"), null, now);
        State state = State.EMPTY.apply(PendingToolCalls.add(later, earlier)).apply(StateDelta.set("plan", "x"));

        assertThat(PendingToolCalls.in(state)).containsExactly(earlier, later);
    }

    @Test
    void aCallIdTooLongForAStateKeyIsRejected() {
        assertThatThrownBy(() -> PendingToolCalls.key("x".repeat(StateDelta.MAX_KEY_LENGTH)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("cannot be kept pending");
    }

    @Test
    void aCorruptPendingEntryIsReportedWithItsKey() {
        State state = State.EMPTY.apply(StateDelta.set(PendingToolCalls.key("c1"), "not a call"));

        assertThatThrownBy(() -> PendingToolCalls.in(state))
                .isInstanceOf(CorruptDataException.class).hasMessageContaining(PendingToolCalls.KEY_PREFIX + "c1");
    }

    @Test
    void anEphemeralMnemoKeepsItsSessionsToItselfAndTouchesNoTier() {
        try (Mnemo scratch = Mnemo.ephemeral(); Mnemo other = Mnemo.ephemeral()) {
            scratch.blocking().openSession(id, null);
            scratch.blocking().append(id, Message.user("Hi"));
            scratch.blocking().updateState(id, StateDelta.set("plan", "step 1"));

            assertThat(scratch.blocking().history(id, 5).value()).hasSize(1);
            assertThat(scratch.blocking().context(id, ContextPolicy.lastMessages(5)).tier()).isEqualTo("ephemeral");
            assertThat(other.blocking().getSession(id).value()).isEmpty();
        }
    }

    @Test
    void openSessionIsGetOrCreateSoARunResumesTheSameSession() {
        try (Mnemo mnemo = Mnemo.builder().tiers(store).build()) {
            BlockingMnemo memory = mnemo.blocking();
            memory.openSession(id, "u1");
            memory.append(id, Message.user("first run"));

            memory.openSession(id, "u1");
            memory.append(id, Message.user("second run"));

            assertThat(memory.history(id, 10).value()).extracting(Message::content).containsExactly("first run", "second run");
        }
    }
}
