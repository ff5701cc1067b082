package dev.mnemo.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Memory ids of any type by their text; the safe form itself is core's {@code Ids.safe}, tested there. */
class SessionIdsTest {

    record Conversation(String user, int chat) {
    }

    @Test
    void validTextsNumbersAndUuidsStayAsTheyAre() {
        UUID uuid = UUID.randomUUID();

        assertThat(SessionIds.of("chat-42").value()).isEqualTo("chat-42");
        assertThat(SessionIds.of(42).value()).isEqualTo("42");
        assertThat(SessionIds.of(42L)).isEqualTo(SessionIds.of("42"));
        assertThat(SessionIds.of(uuid).value()).isEqualTo(uuid.toString());
    }

    @Test
    void aRecordIdIsDigestedBehindItsReadableText() {
        assertThat(SessionIds.of(new Conversation("alice", 3)).value()).startsWith("Conversation-user-alice--chat-3--")
                .matches(".*-[0-9a-f]{64}");
        assertThat(SessionIds.of(new Conversation("alice", 3))).isEqualTo(SessionIds.of(new Conversation("alice", 3)))
                .isNotEqualTo(SessionIds.of(new Conversation("alice", 4)));
    }

    @Test
    void aNullIdIsAProgrammingError() {
        assertThatThrownBy(() -> SessionIds.of(null)).isInstanceOf(NullPointerException.class);
    }
}
