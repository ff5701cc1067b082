package dev.mnemo.summary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mnemo.InvalidInputException;
import dev.mnemo.Message;
import dev.mnemo.Role;
import dev.mnemo.Summary;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExtractiveSummarizerTest {

    private final ExtractiveSummarizer summarizer = new ExtractiveSummarizer();

    @Test
    void eachMessageGivesItsRoleAndFirstSentenceAndSystemMessagesAreLeftOut() {
        String text = summarize(Optional.empty(), List.of(
                Message.system("You are terse."),
                Message.user("Where is my order? It was due Monday."),
                Message.builder(Role.ASSISTANT).toolCall("c1", "track_order", "{\"id\":7}").build(),
                Message.tool("c1", "{\"status\":\"shipped\"}"),
                Message.assistant("It shipped on Friday!  Expect it soon.")));

        assertThat(text).isEqualTo(String.join("\n",
                "user: Where is my order?",
                "assistant called track_order",
                "tool: {\"status\":\"shipped\"}",
                "assistant: It shipped on Friday!"));
    }

    @Test
    void theNewLinesFollowThePreviousSummary() {
        Summary previous = new Summary("user: Hi.", Message.newId(), 3, 1);

        assertThat(summarize(Optional.of(previous), List.of(Message.assistant("Hello. How can I help?"))))
                .isEqualTo("user: Hi.\nassistant: Hello.");
    }

    @Test
    void pastTheLimitTheOldestLinesGoAndLongSentencesAreCut() {
        ExtractiveSummarizer small = new ExtractiveSummarizer(60, 25);

        String text = small.summarize(Optional.empty(), List.of(
                Message.user("first question"), Message.user("second question"),
                Message.user("a very long third question without any end"))).toCompletableFuture().join();

        assertThat(text).isEqualTo("user: second question\nuser: a very long third questi…");
        assertThat(text.length()).isLessThanOrEqualTo(60);
    }

    @Test
    void limitsThatCannotHoldALineAreRejected() {
        assertThatThrownBy(() -> new ExtractiveSummarizer(10, 20)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> new ExtractiveSummarizer(100, 5)).isInstanceOf(InvalidInputException.class);
    }

    private String summarize(Optional<Summary> previous, List<Message> messages) {
        return summarizer.summarize(previous, messages).toCompletableFuture().join();
    }
}
