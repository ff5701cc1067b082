package dev.mnemo.spi.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mnemo.InvalidInputException;
import dev.mnemo.SessionId;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdsTest {

    @Test
    void validIdsStayAsTheyAre() {
        String uuid = UUID.randomUUID().toString();

        assertThat(Ids.safe("chat-42", SessionId.MAX_LENGTH)).isEqualTo("chat-42");
        assertThat(Ids.safe("tenant:user.7_x", SessionId.MAX_LENGTH)).isEqualTo("tenant:user.7_x");
        assertThat(Ids.safe(uuid, SessionId.MAX_LENGTH)).isEqualTo(uuid);
        assertThat(Ids.safe("x".repeat(SessionId.MAX_LENGTH), SessionId.MAX_LENGTH)).isEqualTo("x".repeat(SessionId.MAX_LENGTH));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "user 7/chat?", "ünïcode", "a+b", "{\"json\":true}", "ada@example.com"})
    void anyOtherTextIsDigestedBehindAReadablePrefixNeverRefused(String text) {
        String safe = Ids.safe(text, SessionId.MAX_LENGTH);

        assertThat(safe).matches("[A-Za-z0-9._:-]*-[0-9a-f]{64}").hasSizeLessThanOrEqualTo(SessionId.MAX_LENGTH);
        assertThat(Ids.check("session id", safe, SessionId.MAX_LENGTH)).isEqualTo(safe);
        assertThat(Ids.safe(text, SessionId.MAX_LENGTH)).as("the same in every call").isEqualTo(safe);
    }

    @Test
    void theReadablePrefixKeepsTheValidCharacters() {
        assertThat(Ids.safe("user 7/chat", SessionId.MAX_LENGTH)).startsWith("user-7-chat-");
        assertThat(Ids.safe("ada@example.com", SessionId.MAX_LENGTH)).startsWith("ada-example.com-");
    }

    @Test
    void tooLongIdsAreDigestedAndDifferentTextsStayApart() {
        String longId = "x".repeat(SessionId.MAX_LENGTH + 1);

        assertThat(Ids.safe(longId, SessionId.MAX_LENGTH)).startsWith("x".repeat(Ids.READABLE_PREFIX) + "-")
                .hasSize(Ids.READABLE_PREFIX + 1 + 64);
        assertThat(Ids.safe(longId, SessionId.MAX_LENGTH)).isNotEqualTo(Ids.safe(longId + "y", SessionId.MAX_LENGTH));
        assertThat(Ids.safe("a b", SessionId.MAX_LENGTH)).isNotEqualTo(Ids.safe("a/b", SessionId.MAX_LENGTH));
    }

    @Test
    void aLimitWithNoRoomForTheDigestIsAProgrammingError() {
        assertThatThrownBy(() -> Ids.safe("a b", 64)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void checkNamesTheBadValue() {
        assertThatThrownBy(() -> Ids.check("session id", "a/b", SessionId.MAX_LENGTH))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("session id").hasMessageContaining("a/b");
    }
}
