package dev.mnemo.spi.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mnemo.Message;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetriesTest {

    private final Message question = Message.user("yes");

    @Test
    void theSameUserMessageAgainWithNothingAfterItIsARetryAndIsLeftOut() {
        Message again = Message.user("yes");
        Message answer = Message.assistant("Done.");

        assertThat(Retries.withoutRetried(List.of(again, answer), Optional.of(question))).containsExactly(answer);
    }

    @Test
    void aUserWhoSaysTheSameAfterAnAnswerIsHeardTwice() {
        Message again = Message.user("yes");

        assertThat(Retries.withoutRetried(List.of(again), Optional.of(Message.assistant("Shall I book it?"))))
                .containsExactly(again);
    }

    @Test
    void onlyAUserMessageSayingExactlyTheSameIsARetry() {
        Message other = Message.user("yes!");
        Message named = Message.builder(dev.mnemo.Role.USER).content("yes").name("ada").build();
        Message withMetadata = Message.builder(dev.mnemo.Role.USER).content("yes").metadata("image", "cat.png").build();
        Message assistant = Message.assistant("yes");

        assertThat(Retries.withoutRetried(List.of(other), Optional.of(question))).containsExactly(other);
        assertThat(Retries.withoutRetried(List.of(named), Optional.of(question))).containsExactly(named);
        assertThat(Retries.withoutRetried(List.of(withMetadata), Optional.of(question))).containsExactly(withMetadata);
        assertThat(Retries.withoutRetried(List.of(assistant), Optional.of(Message.assistant("yes"))))
                .as("only a call's input, a user message, is recognised").containsExactly(assistant);
        assertThat(Retries.withoutRetried(List.of(question), Optional.empty())).containsExactly(question);
    }
}
