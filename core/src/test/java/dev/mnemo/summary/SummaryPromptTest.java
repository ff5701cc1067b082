package dev.mnemo.summary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mnemo.Message;
import dev.mnemo.MnemoException;
import dev.mnemo.Role;
import dev.mnemo.Summary;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class SummaryPromptTest {

    private final SummaryPrompt prompt = SummaryPrompt.of(SummaryPrompt.DEFAULT_INSTRUCTIONS, 300);

    @Test
    void theInstructionsKeepFactsDecisionsAndOpenToolCallsWithinTheBudget() {
        assertThat(prompt.instructions()).contains("fact", "decision", "tool call still waiting", "at most 300 tokens");
        assertThat(prompt.maxTokens()).isEqualTo(300);
    }

    @Test
    void theInputIsTheSummarySoFarTheNewMessagesAndTheCallsWithNoResultYet() {
        List<Message> messages = List.of(Message.system("You are a travel agent."),
                Message.user("Book me a flight to Lisbon on May 3."),
                Message.builder(Role.ASSISTANT).toolCall("c1", "search", "{\"to\":\"LIS\"}")
                        .toolCall("c2", "hotel", "{\"city\":\"Lisbon\"}").build(),
                Message.tool("c1", "TP 1234 at 9:00"));

        String input = prompt.input(Optional.of(new Summary("Ada lives in Porto.", UUID.randomUUID(), 5, 1)), messages);

        assertThat(input).startsWith("Summary so far:\nAda lives in Porto.")
                .contains("user: Book me a flight to Lisbon on May 3.",
                        "[calls search {\"to\":\"LIS\"} as c1]", "tool (result of c1): TP 1234 at 9:00")
                .endsWith("Tool calls with no result yet: \nhotel {\"city\":\"Lisbon\"} as c2")
                .doesNotContain("travel agent");
        assertThat(prompt.input(Optional.empty(), List.of(Message.user("hi")))).contains("(none)").endsWith("none");
    }

    @Test
    void aFailedBlankOrCutShortAnswerFailsSoTheStoredSummaryStays() {
        List<Message> messages = List.of(Message.user("I fly to Lisbon."));
        assertThat(prompt.summarizer((instructions, input, maxTokens) -> {
            assertThat(instructions).isEqualTo(prompt.instructions());
            assertThat(input).isEqualTo(prompt.input(Optional.empty(), messages));
            assertThat(maxTokens).isEqualTo(300);
            return new SummaryPrompt.Answer("  Ada flies to Lisbon.\n", false);
        }).summarize(Optional.empty(), messages).toCompletableFuture().join()).isEqualTo("Ada flies to Lisbon.");
        assertFails(() -> new SummaryPrompt.Answer(" ", false), "no text");
        assertFails(() -> new SummaryPrompt.Answer(null, false), "no text");
        assertFails(() -> new SummaryPrompt.Answer("Ada flies to", true), "300 tokens");
        assertFails(() -> {
            throw new IllegalStateException("HTTP 503");
        }, "HTTP 503");
    }

    private void assertFails(Supplier<SummaryPrompt.Answer> model, String message) {
        assertThat(prompt.summarizer((instructions, input, maxTokens) -> model.get())
                .summarize(Optional.empty(), List.of(Message.user("hi"))).toCompletableFuture()).failsWithin(Duration.ZERO)
                .withThrowableOfType(ExecutionException.class).havingCause().isInstanceOf(MnemoException.class)
                .withMessageContaining(message);
    }
}
