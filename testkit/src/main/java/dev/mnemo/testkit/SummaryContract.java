package dev.mnemo.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mnemo.InvalidInputException;
import dev.mnemo.Message;
import dev.mnemo.Session;
import dev.mnemo.SessionNotFoundException;
import dev.mnemo.Summary;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Summaries: replaced only by compare-and-set on the stored version, a version that must move
 * forward (a copy from another tier may skip some), and one winner among concurrent writers.
 */
public interface SummaryContract extends StoreFixture {

    @Test
    default void noSummaryUntilOneIsSet() {
        Session session = open("u1");
        assertThat(await(store().getSummary(session.ref()))).isEmpty();
    }

    @Test
    default void compareAndSetReplacesOnlyTheExpectedVersion() {
        Session session = open("u1");
        UUID upTo = Message.newId();
        Summary first = new Summary("v1", upTo, 2, 1);
        assertThat(await(store().compareAndSetSummary(session.ref(), 0, first))).isTrue();
        Summary second = new Summary("v2", upTo, 3, 2);
        assertThat(await(store().compareAndSetSummary(session.ref(), 1, second))).isTrue();
        Summary stale = new Summary("stale", upTo, 3, 2);
        assertThat(await(store().compareAndSetSummary(session.ref(), 1, stale))).isFalse();
        assertThat(await(store().compareAndSetSummary(session.ref(), 0, first))).isFalse();
        assertThat(await(store().getSummary(session.ref()))).contains(second);
    }

    @Test
    default void compareAndSetWhenVersionDoesNotMoveForwardThenInvalidInput() {
        Session session = open("u1");
        Summary first = new Summary("v1", Message.newId(), 1, 1);
        assertFails(InvalidInputException.class, () -> await(store().compareAndSetSummary(session.ref(), 1, first)));
        assertThat(await(store().getSummary(session.ref()))).isEmpty();
    }

    @Test
    default void compareAndSetAcceptsASkippedVersionAsACopyFromAnotherTier() {
        Session session = open("u1");
        Summary copied = new Summary("copied", Message.newId(), 4, 7);
        assertThat(await(store().compareAndSetSummary(session.ref(), 0, copied))).isTrue();
        assertThat(await(store().getSummary(session.ref()))).contains(copied);
    }

    @Test
    default void summaryOfAbsentSessionIsSessionNotFound() {
        assertFails(SessionNotFoundException.class, () -> await(store().getSummary(newRef())));
        Summary summary = new Summary("x", Message.newId(), 1, 1);
        assertFails(SessionNotFoundException.class, () -> await(store().compareAndSetSummary(newRef(), 0, summary)));
    }

    @Test
    default void concurrentCompareAndSetHasOneWinner() throws Exception {
        Session session = open("u1");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> attempts = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Summary candidate = new Summary("candidate " + i, Message.newId(), 1, 1);
                attempts.add(pool.submit(() -> await(store().compareAndSetSummary(session.ref(), 0, candidate))));
            }
            int winners = 0;
            for (Future<Boolean> attempt : attempts) {
                winners += attempt.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
