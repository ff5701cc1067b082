package dev.mnemo.context;

import static dev.mnemo.context.Drafts.assemble;
import static dev.mnemo.context.Drafts.assistant;
import static dev.mnemo.context.Drafts.call;
import static dev.mnemo.context.Drafts.result;
import static dev.mnemo.context.Drafts.system;
import static dev.mnemo.context.Drafts.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mnemo.InvalidInputException;
import dev.mnemo.Message;
import dev.mnemo.Summary;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TokenWindowTest {

    private final Message prompt = system("You are terse.", 10);
    private final Message u1 = user("one", 10);
    private final Message a1 = assistant("two", 10);
    private final Message u2 = user("three", 10);
    private final Message a2 = assistant("four", 10);
    private final Message u3 = user("five", 10);

    @Test
    void fitsTheBudgetNewestFirstFromStoredCountsAndOverhead() {
        // fixed: 3 priming + system 10+3; each message 10+3; u3 always kept: 29; a2: 42; u2: 55; a1 would be 68
        Context context = assemble(ContextPolicy.tokenBudget(60), List.of(prompt, u1, a1, u2, a2, u3));

        assertThat(context.systemPrompt()).contains(prompt);
        assertThat(context.messages()).containsExactly(u2, a2, u3);
        assertThat(context.totals().messages()).isEqualTo(40);
        assertThat(context.totals().overhead()).isEqualTo(4 * 3 + 3);
        assertThat(context.tokens()).isEqualTo(55);
        assertThat(context.totals().overBudget()).isFalse();
    }

    @Test
    void aToolCallAndItsResultAreDroppedTogetherWhenTheyDoNotFit() {
        Message ask = user("Read a.txt", 10);
        Message readCall = call("c1", "read_file", "{\"file_path\":\"a.txt\"}", 12);
        Message readResult = result("c1", "alpha beta", 40);
        Message answer = assistant("It says alpha beta.", 8);
        Message thanks = user("Thanks", 2);
        List<Message> conversation = List.of(ask, readCall, readResult, answer, thanks);

        // thanks 5 + answer 11 + priming 3 = 19; the pair costs 15 + 43 = 58
        assertThat(assemble(ContextPolicy.tokenBudget(50), conversation).messages()).containsExactly(answer, thanks);
        assertThat(assemble(ContextPolicy.tokenBudget(80), conversation).messages())
                .containsExactly(readCall, readResult, answer, thanks);
    }

    @Test
    void theLatestUserMessageIsKeptWhenNewerToolStepsFillTheBudget() {
        Message ask = user("Fix the build", 5);
        Message call1 = call("c1", "run", "{\"cmd\":\"mvn\"}", 10);
        Message out1 = result("c1", "FAIL", 50);
        Message call2 = call("c2", "run", "{\"cmd\":\"mvn -o\"}", 10);
        Message out2 = result("c2", "OK", 50);

        Context context = assemble(ContextPolicy.tokenBudget(80), List.of(ask, call1, out1, call2, out2));

        assertThat(context.messages()).containsExactly(ask, call2, out2);
        assertThat(context.tokens()).isEqualTo(3 + 8 + 13 + 53);
    }

    @Test
    void whenTheBudgetIsSmallerThanTheNewestMessageThenOnlyWhatIsAlwaysKeptComesAndItIsFlagged() {
        Message huge = user("x", 500);

        Context context = assemble(ContextPolicy.tokenBudget(100), List.of(prompt, u1, a1, huge));

        assertThat(context.systemPrompt()).contains(prompt);
        assertThat(context.messages()).containsExactly(huge);
        assertThat(context.tokens()).isEqualTo(3 + 13 + 503);
        assertThat(context.totals().budget()).hasValue(100);
        assertThat(context.totals().overBudget()).isTrue();
    }

    @Test
    void whenTheNewestIsAHugeToolResultThenItsCallAndTheLatestUserMessageStayToo() {
        Message ask = user("Read big.log", 5);
        Message readCall = call("c1", "read_file", "{\"file_path\":\"big.log\"}", 10);
        Message readResult = result("c1", "...", 1_000);

        Context context = assemble(ContextPolicy.tokenBudget(50), List.of(u1, a1, ask, readCall, readResult));

        assertThat(context.messages()).containsExactly(ask, readCall, readResult);
        assertThat(context.totals().overBudget()).isTrue();
    }

    @Test
    void thePinnedSystemPromptIsKeptWhenItIsOlderThanTheWindow() {
        ContextPolicy policy = ContextPolicy.lastMessages(2).then(ContextPolicy.tokenBudget(1_000));

        Context context = assemble(policy, List.of(prompt, u1, a1, u2, a2, u3), Optional.empty(), Optional.of(prompt));

        assertThat(context.systemPrompt()).contains(prompt);
        assertThat(context.messages()).containsExactly(a2, u3);
        assertThat(context.prompt()).containsExactly(prompt, a2, u3);
    }

    @Test
    void thePinnedSystemPromptIsNotRepeatedWhenTheWindowHoldsIt() {
        Context context = assemble(ContextPolicy.systemPrompt(), List.of(prompt, u1), Optional.empty(),
                Optional.of(prompt));

        assertThat(context.systemPrompt()).contains(prompt);
        assertThat(context.messages()).containsExactly(u1);
    }

    @Test
    void toolDefinitionsAndTheSummaryCountInTheBudget() {
        Summary summary = new Summary("They greeted.", a1.id(), 4, 1);
        int summaryCost = 4 + Drafts.COUNTER.count(Context.SUMMARY_HEADING) + 3;
        ContextPolicy policy = ContextPolicy.summary().then(ContextPolicy.tokenBudget(3 + 20 + summaryCost + 13 + 13))
                .withToolDefinitions(20);

        Context context = assemble(policy, List.of(u1, a1, u2, a2, u3), Optional.of(summary), Optional.empty());

        assertThat(context.summary()).contains(summary);
        assertThat(context.messages()).containsExactly(a2, u3);
        assertThat(context.totals().toolDefinitions()).isEqualTo(20);
        assertThat(context.totals().summary()).isEqualTo(summaryCost - 3);
        assertThat(context.tokens()).isEqualTo(3 + 20 + summaryCost + 26);
    }

    @Test
    void withoutOverheadTheTotalsAreTheStoredCounts() {
        Context context = assemble(ContextPolicy.lastMessages(3).withOverhead(TokenOverhead.NONE), List.of(u1, a1, u2));

        assertThat(context.tokens()).isEqualTo(30);
    }

    @Test
    void aBudgetBelowOneTokenIsRejected() {
        assertThatThrownBy(() -> ContextPolicy.tokenBudget(0)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> ContextPolicy.lastMessages(1).withToolDefinitions(-1))
                .isInstanceOf(InvalidInputException.class);
    }
}
