package dev.mnemo.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mnemo.Session;
import dev.mnemo.SessionEnd;
import dev.mnemo.SessionNotFoundException;
import dev.mnemo.SessionStatus;
import dev.mnemo.spi.SessionRef;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Sessions: create once, read, list by user, end once with a reason, reopen, metadata by key, touch,
 * and namespaces kept apart.
 */
public interface SessionContract extends StoreFixture {

    @Test
    default void createThenGetReturnsTheSession() {
        Session created = open("u1");
        Session read = await(store().getSession(created.ref())).orElseThrow();
        assertThat(read.id()).isEqualTo(created.id());
        assertThat(read.userId()).isEqualTo("u1");
        assertThat(read.status()).isEqualTo(SessionStatus.ACTIVE);
        assertThat(read.metadata()).containsEntry("channel", "web");
        assertThat(read.messageCount()).isZero();
    }

    @Test
    default void createWhenSessionExistsThenReturnsTheStoredOne() {
        Session first = open("u1");
        Session again = Session.create(first.ref(), "u2", Map.of(), now().plusSeconds(5));
        Session stored = await(store().createSession(again));
        assertThat(stored.userId()).isEqualTo("u1");
        assertThat(stored.createdAt()).isEqualTo(first.createdAt());
    }

    @Test
    default void getWhenAbsentThenEmpty() {
        assertThat(await(store().getSession(newRef()))).isEmpty();
    }

    @Test
    default void listSessionsReturnsTheUsersSessionsMostRecentFirst() throws InterruptedException {
        Session older = open("lister");
        Session newer = open("lister");
        open("someone-else");
        Thread.sleep(5);
        await(store().append(older.ref(), messages(1)));
        List<Session> listed = await(store().listSessions(namespace(), "lister", 10));
        assertThat(listed).extracting(Session::id).containsExactly(older.id(), newer.id());
        assertThat(await(store().listSessions(namespace(), "lister", 1))).extracting(Session::id)
                .containsExactly(older.id());
        assertThat(await(store().listSessions(namespace(), "nobody", 10))).isEmpty();
    }

    @Test
    default void endClaimsOnceThenReportsAlreadyEnded() {
        Session session = open("u1");
        assertThat(await(store().endSession(session.ref()))).isTrue();
        assertThat(await(store().endSession(session.ref()))).isFalse();
        assertThat(await(store().getSession(session.ref())).orElseThrow().status()).isEqualTo(SessionStatus.ENDED);
    }

    @Test
    default void endRecordsWhyAndByWhomAndKeepsThemWhenReadBack() {
        Session session = open("u1");
        assertThat(await(store().endSession(session.ref(), new SessionEnd("resolved", "agent-7")))).isTrue();
        assertThat(await(store().getSession(session.ref())).orElseThrow().end())
                .isEqualTo(new SessionEnd("resolved", "agent-7"));
    }

    @Test
    default void createWhenSessionEndedThenReopensItKeepingItsTranscript() {
        Session session = open("u1");
        await(store().append(session.ref(), messages(3)));
        await(store().endSession(session.ref()));
        Session reopened = await(store().createSession(Session.create(session.ref(), "u1", Map.of(), now())));
        assertThat(reopened.status()).isEqualTo(SessionStatus.ACTIVE);
        assertThat(reopened.messageCount()).isEqualTo(3);
        assertThat(reopened.createdAt()).isEqualTo(session.createdAt());
        assertThat(await(store().getSession(session.ref())).orElseThrow().status()).isEqualTo(SessionStatus.ACTIVE);
        assertThat(await(store().append(session.ref(), messages(1))).messageCount()).isEqualTo(4);
        assertThat(await(store().lastMessages(session.ref(), 10))).hasSize(4);
    }

    @Test
    default void updateMetadataSetsAndRemovesKeysAndKeepsTheRest() {
        Session session = open("u1");
        Map<String, Object> changes = new HashMap<>();
        changes.put("plan", "pro");
        changes.put("channel", null);
        changes.put("score", Map.of("nps", 9));
        await(store().updateMetadata(session.ref(), changes));
        await(store().updateMetadata(session.ref(), Map.of("locale", "fr")));
        assertThat(await(store().getSession(session.ref())).orElseThrow().metadata())
                .containsEntry("plan", "pro").containsEntry("locale", "fr").containsEntry("score", Map.of("nps", 9))
                .doesNotContainKey("channel");
        assertFails(SessionNotFoundException.class, () -> await(store().updateMetadata(newRef(), Map.of("a", 1))));
    }

    @Test
    default void endWhenAbsentThenSessionNotFound() {
        assertFails(SessionNotFoundException.class, () -> await(store().endSession(newRef())));
    }

    @Test
    default void touchMovesLastActivityForward() throws InterruptedException {
        Session session = open("u1");
        Thread.sleep(20);
        await(store().touchSession(session.ref()));
        assertThat(await(store().getSession(session.ref())).orElseThrow().updatedAt()).isAfter(session.updatedAt());
        assertFails(SessionNotFoundException.class, () -> await(store().touchSession(newRef())));
    }

    @Test
    default void sameIdInAnotherNamespaceIsAnotherSession() {
        Session session = open("u1");
        SessionRef elsewhere = new SessionRef(namespace() + "-other", session.id());
        assertThat(await(store().getSession(elsewhere))).isEmpty();
        await(store().createSession(Session.create(elsewhere, "u9", Map.of(), now())));
        await(store().append(elsewhere, messages(2)));
        assertThat(await(store().lastMessages(session.ref(), 10))).isEmpty();
        assertThat(await(store().deleteSession(elsewhere))).isTrue();
        assertThat(await(store().getSession(session.ref()))).isPresent();
    }
}
