package dev.mnemo.context;

import static dev.mnemo.context.Drafts.assemble;
import static dev.mnemo.context.Drafts.assistant;
import static dev.mnemo.context.Drafts.call;
import static dev.mnemo.context.Drafts.result;
import static dev.mnemo.context.Drafts.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mnemo.InvalidInputException;
import dev.mnemo.Message;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlidingWindowTest {

    private final Message ask = user("Read a.txt", 5);
    private final Message readCall = call("c1", "read_file", "{\"file_path\":\"a.txt\"}", 12);
    private final Message readResult = result("c1", "alpha beta", 40);
    private final Message answer = assistant("It says alpha beta.", 8);
    private final Message thanks = user("Thanks", 2);
    private final List<Message> conversation = List.of(ask, readCall, readResult, answer, thanks);

    @Test
    void lastMessagesKeepsTheLatestNOldestFirst() {
        assertThat(assemble(ContextPolicy.lastMessages(2), conversation).messages()).containsExactly(answer, thanks);
        assertThat(assemble(ContextPolicy.lastMessages(50), conversation).messages()).isEqualTo(conversation);
    }

    @Test
    void whenTheWindowStartsOnAToolResultThenTheResultIsLeftOutWithItsCall() {
        Context context = assemble(ContextPolicy.lastMessages(3), conversation);

        assertThat(context.messages()).containsExactly(answer, thanks);
    }

    @Test
    void whenTheWindowStartsOnTheToolCallThenCallAndResultStayTogether() {
        Context context = assemble(ContextPolicy.lastMessages(4), conversation);

        assertThat(context.messages()).containsExactly(readCall, readResult, answer, thanks);
    }

    @Test
    void whenParallelResultsAreCutThenEveryResultOfTheLostCallGoes() {
        Message twoCalls = Message.builder(dev.mnemo.Role.ASSISTANT)
                .toolCall("p1", "read_file", "{\"file_path\":\"a\"}")
                .toolCall("p2", "read_file", "{\"file_path\":\"b\"}").build().withTokens(20);
        Message first = result("p1", "A", 3);
        Message second = result("p2", "B", 3);
        List<Message> parallel = List.of(ask, twoCalls, first, second, answer);

        assertThat(assemble(ContextPolicy.lastMessages(2), parallel).messages()).containsExactly(answer);
        assertThat(assemble(ContextPolicy.lastMessages(4), parallel).messages())
                .containsExactly(twoCalls, first, second, answer);
    }

    @Test
    void aChainReadsAsFewMessagesAsItsNarrowestStage() {
        ContextPolicy chain = ContextPolicy.lastMessages(40).then(ContextPolicy.lastMessages(10))
                .then(ContextPolicy.tokenBudget(1_000));

        assertThat(chain.readLimit()).isEqualTo(10);
        assertThat(chain.needsState()).isTrue();
        assertThat(ContextPolicy.tokenBudget(1_000).readLimit()).isEqualTo(ContextPolicy.DEFAULT_WINDOW);
        assertThat(ContextPolicy.lastMessages(3).needsState()).isFalse();
    }

    @Test
    void aWindowOfLessThanOneMessageIsRejected() {
        assertThatThrownBy(() -> ContextPolicy.lastMessages(0))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("was 0");
    }
}
