package dev.mnemo.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mnemo.InvalidInputException;
import dev.mnemo.Session;
import dev.mnemo.SessionId;
import dev.mnemo.SessionNotFoundException;
import dev.mnemo.State;
import dev.mnemo.StateDelta;
import dev.mnemo.spi.SessionRef;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * State: session keys set and removed, values replaced whole, {@code user:} keys shared by a
 * user's sessions, {@code app:} keys by a namespace, and {@code temp:} keys never stored.
 */
public interface StateContract extends StoreFixture {

    @Test
    default void setThenRemoveSessionKeys() {
        Session session = open("u1");
        await(store().applyState(session.ref(), StateDelta.builder().set("topic", "billing").set("step", 2).build()));
        await(store().applyState(session.ref(), StateDelta.builder().remove("step").build()));
        State state = await(store().getState(session.ref()));
        assertThat(state.values()).containsEntry("topic", "billing").doesNotContainKey("step");
    }

    @Test
    default void nestedValueIsReplacedNotMerged() {
        Session session = open("u1");
        await(store().applyState(session.ref(), StateDelta.set("profile", Map.of("name", "Ada", "lang", "en"))));
        await(store().applyState(session.ref(), StateDelta.set("profile", Map.of("name", "Grace"))));
        assertThat(await(store().getState(session.ref())).values()).containsEntry("profile", Map.of("name", "Grace"));
    }

    @Test
    default void userScopeIsSharedByTheUsersSessionsOnly() {
        Session first = open("shared-user");
        Session second = open("shared-user");
        Session stranger = open("stranger");
        await(store().applyState(first.ref(), StateDelta.set("user:language", "fr")));
        assertThat(await(store().getState(second.ref())).values()).containsEntry("user:language", "fr");
        assertThat(await(store().getState(stranger.ref())).values()).doesNotContainKey("user:language");
    }

    @Test
    default void appScopeIsSharedByTheNamespaceOnly() {
        Session first = open("a");
        Session second = open("b");
        await(store().applyState(first.ref(), StateDelta.set("app:motd", "hello")));
        assertThat(await(store().getState(second.ref())).values()).containsEntry("app:motd", "hello");
        SessionRef elsewhere = new SessionRef(namespace() + "-other", SessionId.of("x"));
        await(store().createSession(Session.create(elsewhere, "a", Map.of(), now())));
        assertThat(await(store().getState(elsewhere)).values()).doesNotContainKey("app:motd");
        await(store().deleteSession(elsewhere));
    }

    @Test
    default void tempKeysAreNeverStored() {
        Session session = open("u1");
        await(store().applyState(session.ref(), StateDelta.builder().set("temp:scratch", 1).set("kept", true).build()));
        State state = await(store().getState(session.ref()));
        assertThat(state.values()).containsEntry("kept", true).doesNotContainKey("temp:scratch");
    }

    @Test
    default void userScopeOfAnonymousSessionIsInvalidInput() {
        Session anonymous = open(null);
        assertFails(InvalidInputException.class,
                () -> await(store().applyState(anonymous.ref(), StateDelta.set("user:x", 1))));
    }

    @Test
    default void stateOfAbsentSessionIsSessionNotFound() {
        assertFails(SessionNotFoundException.class, () -> await(store().getState(newRef())));
        assertFails(SessionNotFoundException.class, () -> await(store().applyState(newRef(), StateDelta.set("a", 1))));
    }
}
