package dev.mnemo.springai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Conversation ids as session ids; the safe form itself is core's {@code Ids.safe}, tested there. */
class ConversationIdsTest {

    @Test
    void aValidSessionIdIsUsedUnchangedAndAnyOtherIdIsDigestedNeverRejected() {
        assertThat(ConversationIds.toSessionId("chat-42").value()).isEqualTo("chat-42");
        assertThat(ConversationIds.toSessionId("user 42/chat").value())
                .isEqualTo("user-42-chat-163ec8b75f1272b02e0c2e1fe4f2b6a00833fe30e249447ece68c5a25b8e882f");
        assertThat(ConversationIds.toSessionId("").value()).matches("-[0-9a-f]{64}");
    }

    @Test
    void aNullIdIsAProgrammingError() {
        assertThatThrownBy(() -> ConversationIds.toSessionId(null)).isInstanceOf(NullPointerException.class);
    }
}
