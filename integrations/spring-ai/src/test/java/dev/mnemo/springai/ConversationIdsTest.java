package dev.mnemo.springai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mnemo.SessionId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConversationIdsTest {

    private static final String HASH = "[0-9a-f]{64}";

    @ParameterizedTest
    @ValueSource(strings = {"default", "chat-42", "user:7.session_3", "A"})
    void validSessionIdIsUsedUnchanged(String conversationId) {
        assertThat(ConversationIds.toSessionId(conversationId).value()).isEqualTo(conversationId);
    }

    @Test
    void idOfLongestValidLengthIsUsedUnchanged() {
        String longest = "c".repeat(SessionId.MAX_LENGTH);

        assertThat(ConversationIds.toSessionId(longest).value()).isEqualTo(longest);
    }

    @Test
    void idWithUnsafeCharactersKeepsReadablePrefixAndAddsSha256() {
        SessionId id = ConversationIds.toSessionId("user 42/chat");

        // SHA-256 of the UTF-8 bytes of "user 42/chat"
        assertThat(id.value()).isEqualTo("user_42_chat.163ec8b75f1272b02e0c2e1fe4f2b6a00833fe30e249447ece68c5a25b8e882f");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", ".", "..", "über", "a/b", "{slot}", "x*"})
    void idThatIsNotValidIsNeverRejected(String conversationId) {
        SessionId id = ConversationIds.toSessionId(conversationId);

        assertThat(id.value()).matches("([A-Za-z0-9._:-]{1,48}\\.)?" + HASH);
    }

    @Test
    void idLongerThanSessionIdsAllowIsHashedWithItsStartAsPrefix() {
        String tooLong = "x".repeat(SessionId.MAX_LENGTH + 1);

        SessionId id = ConversationIds.toSessionId(tooLong);

        assertThat(id.value()).startsWith("x".repeat(ConversationIds.PREFIX_LENGTH) + ".").matches(".*\\." + HASH)
                .hasSizeLessThanOrEqualTo(SessionId.MAX_LENGTH);
    }

    @Test
    void emptyIdIsTheBareHashOfNothing() {
        assertThat(ConversationIds.toSessionId("").value())
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void sameIdMapsToSameSessionAndIdsDifferingOnlyInUnsafeCharactersDoNot() {
        assertThat(ConversationIds.toSessionId("a b")).isEqualTo(ConversationIds.toSessionId("a b"));
        assertThat(ConversationIds.toSessionId("a b")).isNotEqualTo(ConversationIds.toSessionId("a/b"));
        assertThat(ConversationIds.toSessionId("a b")).isNotEqualTo(ConversationIds.toSessionId("a_b"));
    }
}
