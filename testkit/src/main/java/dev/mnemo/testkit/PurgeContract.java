package dev.mnemo.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mnemo.Message;
import dev.mnemo.Session;
import dev.mnemo.StateDelta;
import dev.mnemo.Summary;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Purge: deleting a session or a user leaves nothing of theirs behind, and nobody else's data goes. */
public interface PurgeContract extends StoreFixture {

    @Test
    default void deleteSessionRemovesMessagesSummaryAndState() {
        Session session = open("u1");
        await(store().append(session.ref(), messages(3)));
        await(store().compareAndSetSummary(session.ref(), 0, new Summary("s", Message.newId(), 1, 1)));
        await(store().applyState(session.ref(), StateDelta.set("k", "v")));
        assertThat(await(store().deleteSession(session.ref()))).isTrue();
        assertThat(await(store().deleteSession(session.ref()))).isFalse();
        assertThat(await(store().getSession(session.ref()))).isEmpty();
        await(store().createSession(Session.create(session.ref(), "u1", Map.of(), now())));
        assertThat(await(store().lastMessages(session.ref(), 10))).isEmpty();
        assertThat(await(store().getSummary(session.ref()))).isEmpty();
        assertThat(await(store().getState(session.ref())).values()).doesNotContainKey("k");
        assertThat(await(store().getSession(session.ref())).orElseThrow().messageCount()).isZero();
    }

    @Test
    default void deleteUserRemovesEverySessionOfTheUserAndTheirUserState() {
        Session first = open("leaving");
        Session second = open("leaving");
        Session kept = open("staying");
        await(store().append(first.ref(), messages(2)));
        await(store().applyState(first.ref(), StateDelta.set("user:plan", "pro")));
        assertThat(await(store().deleteUser(namespace(), "leaving"))).isEqualTo(2);
        assertThat(await(store().getSession(first.ref()))).isEmpty();
        assertThat(await(store().getSession(second.ref()))).isEmpty();
        assertThat(await(store().getSession(kept.ref()))).isPresent();
        assertThat(await(store().listSessions(namespace(), "leaving", 10))).isEmpty();
        Session returning = open("leaving");
        assertThat(await(store().getState(returning.ref())).values()).doesNotContainKey("user:plan");
    }
}
