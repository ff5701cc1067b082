package dev.mnemo.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mnemo.SessionId;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SessionIdsTest {

    record Conversation(String user, int chat) {
    }

    @Test
    void validTextsNumbersAndUuidsStayAsTheyAre() {
        UUID uuid = UUID.randomUUID();

        assertThat(SessionIds.of("chat-42").value()).isEqualTo("chat-42");
        assertThat(SessionIds.of("tenant:user.7_x").value()).isEqualTo("tenant:user.7_x");
        assertThat(SessionIds.of(42).value()).isEqualTo("42");
        assertThat(SessionIds.of(42L)).isEqualTo(SessionIds.of("42"));
        assertThat(SessionIds.of(uuid).value()).isEqualTo(uuid.toString());
        assertThat(SessionIds.of("x".repeat(SessionId.MAX_LENGTH)).value()).isEqualTo("x".repeat(SessionId.MAX_LENGTH));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "user 7/chat?", "ünïcode", "a+b", "{\"json\":true}"})
    void invalidTextsAreHashedBehindAReadablePrefixNeverRejected(String memoryId) {
        SessionId id = SessionIds.of(memoryId);

        assertThat(id.value()).matches("[A-Za-z0-9._:-]*-[0-9a-f]{64}").hasSizeLessThanOrEqualTo(SessionId.MAX_LENGTH);
        assertThat(SessionIds.of(memoryId)).isEqualTo(id);
    }

    @Test
    void theReadablePrefixKeepsTheValidCharactersOfTheId() {
        assertThat(SessionIds.of("user 7/chat").value()).startsWith("user-7-chat-");
        assertThat(SessionIds.of(new Conversation("alice", 3)).value()).startsWith("Conversation-user-alice--chat-3--");
    }

    @Test
    void tooLongIdsAreHashedAndDifferentIdsStayApart() {
        String longId = "x".repeat(SessionId.MAX_LENGTH + 1);

        assertThat(SessionIds.of(longId).value()).startsWith("x".repeat(SessionIds.PREFIX_LENGTH) + "-")
                .hasSize(SessionIds.PREFIX_LENGTH + 1 + 64);
        assertThat(SessionIds.of(longId)).isNotEqualTo(SessionIds.of(longId + "y"));
        assertThat(SessionIds.of("a b")).isNotEqualTo(SessionIds.of("a/b"));
    }

    @Test
    void aNullIdIsAProgrammingError() {
        assertThatThrownBy(() -> SessionIds.of(null)).isInstanceOf(NullPointerException.class);
    }
}
