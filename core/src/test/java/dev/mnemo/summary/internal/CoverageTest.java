package dev.mnemo.summary.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mnemo.Message;
import dev.mnemo.Role;
import java.util.List;
import org.junit.jupiter.api.Test;

class CoverageTest {

    private final Message u1 = Message.user("u1");
    private final Message a1 = Message.assistant("a1");
    private final Message call = Message.builder(Role.ASSISTANT).toolCall("c1", "t", "{}").toolCall("c2", "t", "{}").build();
    private final Message r1 = Message.tool("c1", "r1");
    private final Message r2 = Message.tool("c2", "r2");
    private final Message u2 = Message.user("u2");
    private final Message a2 = Message.assistant("a2");

    @Test
    void coversUpToTheKeptRecentMessages() {
        Coverage coverage = Coverage.plan(List.of(u1, a1, u2, a2), List.of(u2, a2), 100);

        assertThat(coverage.covered()).containsExactly(u1, a1);
        assertThat(coverage.more()).isFalse();
    }

    @Test
    void withNothingKeptEverythingIsCovered() {
        assertThat(Coverage.plan(List.of(u1, a1), List.of(), 100).covered()).containsExactly(u1, a1);
    }

    @Test
    void aFullPageSaysMoreRemains() {
        Coverage coverage = Coverage.plan(List.of(u1, a1, u2), List.of(a2), 2);

        assertThat(coverage.covered()).containsExactly(u1, a1);
        assertThat(coverage.more()).isTrue();
    }

    @Test
    void aFullPageThatReachesTheKeptMessagesSaysNoMoreRemains() {
        Coverage coverage = Coverage.plan(List.of(u1, a1, u2), List.of(u2), 2);

        assertThat(coverage.more()).isFalse();
    }

    @Test
    void neverEndsBetweenAToolCallAndItsResults() {
        assertThat(Coverage.plan(List.of(u1, call, r1, r2, u2), List.of(r2, u2), 100).covered()).containsExactly(u1);
        assertThat(Coverage.plan(List.of(u1, call, r1, r2, u2), List.of(r1, r2, u2), 100).covered()).containsExactly(u1);
        assertThat(Coverage.plan(List.of(u1, call, r1, r2, u2), List.of(u2), 100).covered())
                .containsExactly(u1, call, r1, r2);
    }

    @Test
    void aPageEndingInsideAToolGroupStopsBeforeTheGroup() {
        Coverage coverage = Coverage.plan(List.of(u1, call, r1, r2, u2), List.of(a2), 3);

        assertThat(coverage.covered()).containsExactly(u1);
        assertThat(coverage.more()).isTrue();
    }

    @Test
    void aToolGroupLongerThanAPageIsCoveredSplitRatherThanNever() {
        Coverage coverage = Coverage.plan(List.of(call, r1, r2, u2), List.of(a2), 2);

        assertThat(coverage.covered()).containsExactly(call, r1);
        assertThat(coverage.more()).isTrue();
    }

    @Test
    void nothingOlderThanTheKeptMessagesMeansNothingToCover() {
        assertThat(Coverage.plan(List.of(u2, a2), List.of(u2, a2), 100).covered()).isEmpty();
    }
}
