package dev.mnemo.examples.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mnemo.Message;
import dev.mnemo.context.PendingToolCall;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS) // one run of the example serves every test
class AgentLoopExampleTest {

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final AgentLoopExample.Outcome outcome =
            AgentLoopExample.run(new PrintStream(printed, true, StandardCharsets.UTF_8));

    @Test
    void aToolCallAndItsResultAnswerTheFirstQuestion() {
        assertThat(outcome.summarized().text()).isEqualTo("Here is what it says: Buy milk.");
        assertThat(outcome.summarized().awaiting()).isEmpty();
    }

    @Test
    void thePendingConfirmationIsSavedBeforeTheRunReturns() {
        assertThat(outcome.first().awaiting()).extracting(p -> p.call().name()).containsExactly("delete_file");
        assertThat(outcome.savedAfterFirst()).extracting(PendingToolCall::call)
                .containsExactly(outcome.first().awaiting().get(0).call());
    }

    @Test
    void historyAndStateSurviveAcrossRunsOfOneSession() {
        assertThat(outcome.confirmed().text()).isEqualTo("Deleted notes.txt. Anything else?");
        assertThat(outcome.stateAfterSecond().get(Agent.FILES_READ)).contains(1);
        assertThat(outcome.recalled().text()).isEqualTo("You asked me to delete notes.txt.");
    }

    @Test
    void anotherSessionKnowsNothing() {
        assertThat(outcome.stranger().text()).isEqualTo("I have no record of that in this conversation.");
        assertThat(outcome.stranger().context().messages()).extracting(Message::content)
                .containsExactly("What did I ask you to delete?");
        assertThat(outcome.strangerState().values()).containsOnlyKeys("mnemo:system-prompt");
    }

    @Test
    void theLastContextHasTheSystemPromptTheSummaryAndACompactedOldRead() {
        var context = outcome.recalled().context();

        assertThat(context.tier()).isEqualTo("memory");
        assertThat(context.systemPrompt().map(Message::content)).contains(Agent.SYSTEM_PROMPT);
        assertThat(context.summary()).isPresent();
        assertThat(context.messages()).extracting(Message::content)
                .contains("File content from notes.txt. Re-read if needed.");
        assertThat(context.totals().overBudget()).isFalse();
        assertThat(context.totals().toolDefinitions()).isPositive();
        assertThat(outcome.summary().orElseThrow().text()).contains("The user asked: Delete notes.txt");
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("== run 4, agent-7")
                .contains("saved for confirmation: delete_file");
    }
}
