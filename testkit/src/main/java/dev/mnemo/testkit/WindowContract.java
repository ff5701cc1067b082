package dev.mnemo.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mnemo.Message;
import dev.mnemo.Session;
import dev.mnemo.SessionNotFoundException;
import dev.mnemo.Summary;
import dev.mnemo.spi.Window;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Windows and paging: the last {@code k} messages, paging after an id, the one-read window, and a
 * windowed tier that keeps only its window yet counts every message.
 */
public interface WindowContract extends StoreFixture {

    @Test
    default void lastKReturnsTheNewestKOldestFirst() {
        Session session = open("u1");
        List<Message> batch = messages(FEW);
        await(store().append(session.ref(), batch));
        assertThat(ids(await(store().lastMessages(session.ref(), 3)))).isEqualTo(ids(batch.subList(FEW - 3, FEW)));
        assertThat(await(store().lastMessages(session.ref(), FEW + 10))).hasSize(FEW);
    }

    @Test
    default void pagingAfterAnIdVisitsEveryMessageOnce() {
        Session session = open("u1");
        List<Message> batch = messages(FEW);
        await(store().append(session.ref(), batch.subList(0, 5)));
        await(store().append(session.ref(), batch.subList(5, FEW)));
        assertThat(ids(all(session.ref(), 5))).isEqualTo(ids(batch));
        assertThat(await(store().messagesAfter(session.ref(), batch.get(FEW - 1).id(), 5))).isEmpty();
        assertThat(ids(await(store().messagesAfter(session.ref(), batch.get(2).id(), 2))))
                .isEqualTo(ids(batch.subList(3, 5)));
    }

    @Test
    default void readWindowReturnsSessionSummaryAndLastK() {
        Session session = open("u1");
        List<Message> batch = messages(FEW);
        await(store().append(session.ref(), batch));
        Summary summary = new Summary("earlier talk", batch.get(3).id(), 4, 1);
        await(store().compareAndSetSummary(session.ref(), 0, summary));
        Window window = await(store().readWindow(session.ref(), 4, false));
        assertThat(window.session().messageCount()).isEqualTo(FEW);
        assertThat(window.session().tokenCount()).isEqualTo(3L * FEW);
        assertThat(window.summary()).contains(summary);
        assertThat(ids(window.messages())).isEqualTo(ids(batch.subList(FEW - 4, FEW)));
    }

    @Test
    default void readWindowWhenSessionAbsentThenSessionNotFound() {
        assertFails(SessionNotFoundException.class, () -> await(store().readWindow(newRef(), 5, false)));
    }

    @Test
    default void windowedTierKeepsOnlyItsWindowButCountsEverything() {
        int window = store().capabilities().windowSize();
        Session session = open("u1");
        int total = window == 0 ? FEW : window + 5;
        List<Message> batch = messages(total);
        await(store().append(session.ref(), batch));
        List<Message> kept = await(store().lastMessages(session.ref(), total + 5));
        int expected = window == 0 ? total : window;
        assertThat(ids(kept)).isEqualTo(ids(batch.subList(total - expected, total)));
        assertThat(await(store().getSession(session.ref())).orElseThrow().messageCount()).isEqualTo(total);
    }
}
