package dev.mnemo.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mnemo.ConflictException;
import dev.mnemo.Message;
import dev.mnemo.Role;
import dev.mnemo.Session;
import dev.mnemo.SessionNotFoundException;
import dev.mnemo.spi.AppendOutcome;
import dev.mnemo.spi.Turn;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Appends: stored in id order, at most once per id, every field kept, refused on absent or ended
 * sessions; a turn answers the window after its append.
 */
public interface AppendContract extends StoreFixture {

    @Test
    default void appendBatchThenReadInIdOrder() {
        Session session = open("u1");
        List<Message> batch = messages(FEW);
        List<Message> shuffled = new ArrayList<>(batch);
        Collections.shuffle(shuffled);
        AppendOutcome outcome = await(store().append(session.ref(), shuffled));
        assertThat(outcome.appended()).isEqualTo(FEW);
        assertThat(outcome.messageCount()).isEqualTo(FEW);
        assertThat(outcome.tokenCount()).isEqualTo(3L * FEW);
        assertThat(ids(await(store().lastMessages(session.ref(), FEW)))).isEqualTo(ids(batch));
    }

    @Test
    default void turnAppendsThenAnswersTheWindowThatHoldsTheTurn() {
        Session session = open("u1");
        List<Message> before = messages(FEW);
        await(store().append(session.ref(), before));
        Message question = Message.user("and then?").withTokens(3);
        Turn turn = await(store().turn(session.ref(), List.of(question), 3, false));
        assertThat(turn.appended().appended()).isEqualTo(1);
        assertThat(turn.appended().messageCount()).isEqualTo(FEW + 1);
        assertThat(ids(turn.window().messages())).containsExactly(before.get(FEW - 2).id(), before.get(FEW - 1).id(),
                question.id());
        assertThat(turn.window().session().messageCount()).isEqualTo(FEW + 1);
        Turn retried = await(store().turn(session.ref(), List.of(question), 3, false));
        assertThat(retried.appended().appended()).as("a retried turn stores nothing twice").isZero();
        assertThat(ids(retried.window().messages())).isEqualTo(ids(turn.window().messages()));
        assertFails(SessionNotFoundException.class, () -> await(store().turn(newRef(), List.of(question), 3, false)));
    }

    @Test
    default void appendWhenIdAlreadyStoredThenStoredOnce() {
        Session session = open("u1");
        List<Message> batch = messages(4);
        await(store().append(session.ref(), batch));
        AppendOutcome retry = await(store().append(session.ref(), batch));
        assertThat(retry.appended()).isZero();
        assertThat(retry.messageCount()).isEqualTo(4);
        assertThat(retry.tokenCount()).isEqualTo(12);
        assertThat(await(store().lastMessages(session.ref(), 10))).hasSize(4);
    }

    @Test
    default void appendWhenBatchRepeatsAnIdThenStoredOnce() {
        Session session = open("u1");
        Message one = Message.user("once").withTokens(2);
        AppendOutcome outcome = await(store().append(session.ref(), List.of(one, one)));
        assertThat(outcome.appended()).isEqualTo(1);
        assertThat(await(store().lastMessages(session.ref(), 10))).containsExactly(one);
    }

    @Test
    default void appendKeepsEveryFieldOfTheMessage() {
        Session session = open("u1");
        Message call = Message.builder(Role.ASSISTANT).content("")
                .toolCall("call-1", "read_file", "{\"file_path\":\"/tmp/a.txt\"}")
                .metadata("confidence", 0.75).metadata("sources", List.of("kb-1", "kb-2"))
                .build().withTokens(17);
        Message result = Message.builder(Role.TOOL).toolCallId("call-1").name("read_file")
                .content("hello ✓ \"quoted\"\nline").build().withTokens(5);
        await(store().append(session.ref(), List.of(call, result)));
        assertThat(await(store().lastMessages(session.ref(), 2))).containsExactly(call, result);
    }

    @Test
    default void appendWhenSessionAbsentThenSessionNotFound() {
        assertFails(SessionNotFoundException.class, () -> await(store().append(newRef(), messages(1))));
    }

    @Test
    default void appendWhenSessionEndedThenConflictAndNothingStored() {
        Session session = open("u1");
        await(store().append(session.ref(), messages(2)));
        await(store().endSession(session.ref()));
        assertFails(ConflictException.class, () -> await(store().append(session.ref(), messages(1))));
        assertThat(await(store().getSession(session.ref())).orElseThrow().messageCount()).isEqualTo(2);
    }

    @Test
    default void appendUpdatesLastActivity() throws InterruptedException {
        Session session = open("u1");
        Thread.sleep(20);
        await(store().append(session.ref(), messages(1)));
        assertThat(await(store().getSession(session.ref())).orElseThrow().updatedAt()).isAfter(session.updatedAt());
    }
}
