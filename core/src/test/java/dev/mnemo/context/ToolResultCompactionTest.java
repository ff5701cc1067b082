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
import java.util.Map;
import org.junit.jupiter.api.Test;

class ToolResultCompactionTest {

    private static final String FILE_CONTENT = "lorem ipsum dolor sit amet ".repeat(40);
    private static final String READ_TEMPLATE = "File content from {file_path}. Re-read if needed.";

    private final ToolResultCompaction readFiles = ToolResultCompaction.builder()
            .rule("read_file", READ_TEMPLATE).keepTurns(1).build();

    @Test
    void anOldResultBecomesTheFilledTemplateCountedWhenItIsMade() {
        List<Message> turns = twoTurns("read_file", "{\"file_path\":\"src/App.java\"}");

        Context context = assemble(readFiles, turns);

        Message compacted = context.messages().get(2);
        assertThat(compacted.content()).isEqualTo("File content from src/App.java. Re-read if needed.");
        assertThat(compacted.tokens()).isEqualTo(Drafts.COUNTER.count(compacted)).isLessThan(turns.get(2).tokens());
        assertThat(compacted.id()).isEqualTo(turns.get(2).id());
        assertThat(compacted.toolCallId()).isEqualTo("c1");
        assertThat(context.messages().get(6)).isEqualTo(turns.get(6)); // this turn's result stays whole
    }

    @Test
    void resultsOfTheLastTurnsStayWhole() {
        List<Message> turns = twoTurns("read_file", "{\"file_path\":\"a.txt\"}");

        Context context = assemble(ToolResultCompaction.builder().rule("read_file", READ_TEMPLATE).build(), turns);

        assertThat(context.messages()).isEqualTo(turns); // default keeps 2 turns, and there are 2
    }

    @Test
    void whenAnArgumentIsMissingThenTheResultStaysWhole() {
        List<Message> turns = twoTurns("read_file", "{\"path\":\"a.txt\"}");

        assertThat(assemble(readFiles, turns).messages()).isEqualTo(turns);
    }

    @Test
    void whenTheArgumentsAreNotAnObjectThenEveryArgumentIsMissing() {
        List<Message> turns = twoTurns("read_file", "[\"a.txt\"]");

        assertThat(assemble(readFiles, turns).messages()).isEqualTo(turns);
    }

    @Test
    void whenAnArgumentIsMissingOrNullAndAStandInIsSetThenTheStandInIsUsed() {
        ToolResultCompaction standIn = readFiles.toBuilder().missingArgument("(unknown)").build();

        Message missing = assemble(standIn, twoTurns("read_file", "{\"path\":\"a.txt\"}")).messages().get(2);
        Message isNull = assemble(standIn, twoTurns("read_file", "{\"file_path\":null}")).messages().get(2);

        assertThat(missing.content()).isEqualTo("File content from (unknown). Re-read if needed.");
        assertThat(isNull.content()).isEqualTo(missing.content());
    }

    @Test
    void nonStringArgumentsAreWrittenAsJson() {
        ToolResultCompaction search = ToolResultCompaction.builder().keepTurns(1)
                .rule("search", "Results for {query} (top {k}, filters {filters}).").build();

        Message compacted = assemble(search, twoTurns("search",
                "{\"query\":\"cats\",\"k\":5,\"filters\":{\"lang\":\"en\"}}")).messages().get(2);

        assertThat(compacted.content()).isEqualTo("Results for cats (top 5, filters {\"lang\":\"en\"}).");
    }

    @Test
    void toolsWithoutARuleStayWholeUnlessThereIsAFallback() {
        List<Message> turns = twoTurns("grep", "{\"pattern\":\"x\"}");
        ToolResultCompaction fallback = readFiles.toBuilder().otherwise("Earlier tool output elided.").build();

        assertThat(assemble(readFiles, turns).messages()).isEqualTo(turns);
        assertThat(assemble(fallback, turns).messages().get(2).content()).isEqualTo("Earlier tool output elided.");
    }

    @Test
    void aResultIsReplacedOnlyWhenThatMakesItSmaller() {
        Message ask = user("Read a", 2);
        Message readCall = call("c1", "read_file", "{\"file_path\":\"a\"}", 8);
        Message tiny = result("c1", "ok", 1);
        List<Message> turns = List.of(ask, readCall, tiny, assistant("done", 1), user("next", 1));

        assertThat(assemble(readFiles, turns).messages()).isEqualTo(turns);
    }

    @Test
    void compactionBeforeATokenBudgetLetsMoreOfTheConversationFit() {
        List<Message> turns = twoTurns("read_file", "{\"file_path\":\"a.txt\"}");

        Context whole = assemble(ContextPolicy.tokenBudget(400), turns);
        Context compacted = assemble(readFiles.then(ContextPolicy.tokenBudget(400)), turns);

        assertThat(whole.messages()).hasSize(5);
        assertThat(compacted.messages()).hasSize(turns.size());
        assertThat(compacted.totals().overBudget()).isFalse();
    }

    @Test
    void theMapFactoryKeepsTheDefaultTurns() {
        ToolResultCompaction stage = (ToolResultCompaction) ContextPolicy.compactToolResults(Map.of("read_file", READ_TEMPLATE));

        assertThat(stage.rules()).containsEntry("read_file", READ_TEMPLATE);
        assertThat(stage.keepTurns()).isEqualTo(ToolResultCompaction.DEFAULT_KEEP_TURNS);
    }

    @Test
    void emptyTemplatesAndToolNamesAreRejected() {
        assertThatThrownBy(() -> ToolResultCompaction.builder().rule("read_file", " "))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("read_file");
        assertThatThrownBy(() -> ToolResultCompaction.builder().rule("", "x")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> ToolResultCompaction.builder().keepTurns(0)).isInstanceOf(InvalidInputException.class);
    }

    /** Two turns, each a question, a tool call, its big result and an answer; the last turn ends on its answer. */
    private static List<Message> twoTurns(String tool, String arguments) {
        int big = Drafts.COUNTER.count(FILE_CONTENT);
        return List.of(
                user("Look at it", 3), call("c1", tool, arguments, 15), result("c1", FILE_CONTENT, big),
                assistant("Seen.", 2),
                user("Again", 2), call("c2", tool, arguments, 15), result("c2", FILE_CONTENT, big),
                assistant("Seen again.", 3));
    }
}
