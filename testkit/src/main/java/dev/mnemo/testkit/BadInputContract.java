package dev.mnemo.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mnemo.InvalidInputException;
import dev.mnemo.Session;
import dev.mnemo.SessionNotFoundException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bad input: non-positive counts and empty batches are refused, reads of absent sessions are not found. */
public interface BadInputContract extends StoreFixture {

    @Test
    default void nonPositiveCountsAreInvalidInput() {
        Session session = open("u1");
        assertFails(InvalidInputException.class, () -> await(store().lastMessages(session.ref(), 0)));
        assertFails(InvalidInputException.class, () -> await(store().messagesAfter(session.ref(), null, -1)));
        assertFails(InvalidInputException.class, () -> await(store().listSessions(namespace(), "u1", 0)));
    }

    @Test
    default void emptyBatchIsInvalidInputAndStoresNothing() {
        Session session = open("u1");
        assertFails(InvalidInputException.class, () -> await(store().append(session.ref(), List.of())));
        assertThat(await(store().getSession(session.ref())).orElseThrow().messageCount()).isZero();
    }

    @Test
    default void readsOfAbsentSessionAreSessionNotFound() {
        assertFails(SessionNotFoundException.class, () -> await(store().lastMessages(newRef(), 5)));
        assertFails(SessionNotFoundException.class, () -> await(store().messagesAfter(newRef(), null, 5)));
    }
}
