package dev.mnemo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mnemo.context.ContextPolicy;
import java.io.BufferedReader;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Export, purge, import: the same reads, and an import run twice stores nothing twice. */
class DataTransferTest {

    private final Mnemo mnemo = Mnemo.ephemeral();
    private final BlockingMnemo memory = mnemo.blocking();
    private final SessionId open = SessionId.of("open-chat");
    private final SessionId ended = SessionId.of("ended-chat");

    @AfterEach
    void close() {
        mnemo.close();
    }

    @Test
    void aUsersDataExportedPurgedAndImportedReadsTheSameAndASecondImportStoresNothingTwice() {
        memory.openSession(open, "ada", Map.of("channel", "web"));
        memory.append(open, Message.system("You help."), Message.user("Find my order"),
                Message.builder(Role.ASSISTANT).content("").toolCall("call-1", "orders", "{\"user\":\"ada\"}").build(),
                Message.tool("call-1", "{\"order\":42}"), Message.assistant("Order 42 ships today."));
        memory.updateState(open, StateDelta.builder().set("step", 2).set("user:language", "fr").build());
        memory.openSession(ended, "ada");
        memory.append(ended, Message.user("bye"));
        memory.endSession(ended, "resolved", "agent-7");
        Snapshot before = snapshot();

        StringWriter exported = new StringWriter();
        List<TransferStats> progress = new ArrayList<>();
        TransferStats out = mnemo.transfer().exportUser("ada", exported, progress::add);
        assertThat(out).isEqualTo(new TransferStats(2, 6, 2, 0));
        assertThat(progress).last().isEqualTo(out);
        assertThat(exported.toString().lines()).first().asString().contains("\"format\":\"mnemo-export\"");

        assertThat(memory.deleteUser("ada")).isEqualTo(2);
        assertThat(memory.getSession(open).value()).isEmpty();

        TransferStats in = mnemo.transfer().importFrom(new BufferedReader(new StringReader(exported.toString())), stats -> { });
        assertThat(in).isEqualTo(out);
        assertThat(snapshot()).isEqualTo(before);
        assertThat(memory.state(open).value().values()).containsEntry("step", 2).containsEntry("user:language", "fr");

        mnemo.transfer().importFrom(new BufferedReader(new StringReader(exported.toString())), stats -> { });
        assertThat(snapshot()).as("a second import stores nothing twice").isEqualTo(before);
    }

    @Test
    void aRecordThatIsNotOneIsRefusedNamingItsLine() {
        String text = "{\"type\":\"header\",\"format\":\"mnemo-export\",\"version\":1}\n{\"type\":\"message\",\"session\":\"x\"}\n";
        assertThatThrownBy(() -> mnemo.transfer().importFrom(new BufferedReader(new StringReader(text)), stats -> { }))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("Line 2");
    }

    /** What a reader sees of the user's data: sessions, transcripts, state. */
    private record Snapshot(List<String> sessions, List<UUID> openIds, List<UUID> endedIds, Map<String, Object> state,
                            String context) {
    }

    private Snapshot snapshot() {
        List<String> sessions = memory.listSessions("ada", 10).value().stream().map(session -> session.id().value()
                + " " + session.status() + " " + session.end() + " " + session.metadata() + " " + session.messageCount()
                + " " + session.tokenCount() + " " + session.createdAt()).sorted().toList();
        return new Snapshot(sessions, memory.history(open, 10).value().stream().map(Message::id).toList(),
                memory.history(ended, 10).value().stream().map(Message::id).toList(), memory.state(open).value().values(),
                memory.context(open, ContextPolicy.systemPrompt().then(ContextPolicy.lastMessages(10))).toOpenAiJson());
    }
}
