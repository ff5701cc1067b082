package dev.mnemo.adk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.adk.events.Event;
import com.google.adk.events.EventActions;
import com.google.adk.sessions.GetSessionConfig;
import com.google.adk.sessions.Session;
import com.google.adk.sessions.SessionException;
import com.google.adk.sessions.State;
import dev.mnemo.Message;
import dev.mnemo.Mnemo;
import dev.mnemo.SessionId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * What {@link MnemoSessionService} does on any deployment; a subclass says which, and gives two
 * Mnemos for one namespace: {@link #process()} and {@link #otherProcess()}, which shares the tiers
 * with it when the deployment has shared tiers. Each test works with users and sessions of its own.
 */
abstract class SessionServiceContract {

    static final String APP = "weather_app";

    /** @return the Mnemo the tests write through */
    abstract Mnemo process();

    /** @return a Mnemo reading the same tiers, as another process would, or {@link #process()} itself */
    abstract Mnemo otherProcess();

    final String user = "user-" + UUID.randomUUID().toString().substring(0, 8);
    final MnemoSessionService service = MnemoSessionService.create(process());
    final MnemoSessionService elsewhere = MnemoSessionService.create(otherProcess());

    Session create(String sessionId) {
        return service.createSession(APP, user, Map.of(), sessionId).blockingGet();
    }

    Session get(MnemoSessionService from, String sessionId, GetSessionConfig config) {
        return from.getSession(APP, user, sessionId, Optional.of(config)).blockingGet();
    }

    Session get(String sessionId) {
        return elsewhere.getSession(APP, user, sessionId, Optional.empty()).blockingGet();
    }

    List<Message> stored(String sessionId) {
        return process().blocking().messagesAfter(AdkIds.sessionId(sessionId), null, 1_000).value();
    }

    @Test
    void everyKindOfEventReadsBackFromTheTiersAsItWasAppended() {
        Session session = create("every-kind");
        List<Event> events = SampleEvents.all();
        events.forEach(event -> service.appendEvent(session, event).blockingGet());

        Session read = get("every-kind");

        assertThat(SampleEvents.stored(read.events())).isEqualTo(SampleEvents.stored(events));
        assertThat(SampleEvents.stored(elsewhere.listEvents(APP, user, "every-kind").blockingGet().events()))
                .isEqualTo(SampleEvents.stored(events));
        assertThat(read.id()).isEqualTo("every-kind");
        assertThat(read.appName()).isEqualTo(APP);
        assertThat(read.userId()).isEqualTo(user);
        assertThat(read.state()).containsEntry("user:last_city", "Oslo").containsEntry("app:calls", 2)
                .doesNotContainKey("draft");
        assertThat(stored("every-kind")).hasSize(events.size());
    }

    @Test
    void stateKeysLiveInTheScopesOfTheirPrefixes() {
        String app = "app:version-" + user;
        Map<String, Object> initial = Map.of("topic", "weather", "user:lang", "fr", app, "2", "temp:draft", "x");
        service.createSession(APP, user, initial, "s1").blockingGet();
        Session sibling = create("s2");
        Session stranger = service.createSession(APP, user + "-other", null, "s3").blockingGet();

        assertThat(get(service, "s1", GetSessionConfig.builder().build()).state())
                .containsEntry("topic", "weather").containsEntry("user:lang", "fr").containsEntry(app, "2")
                .containsEntry("temp:draft", "x");
        assertThat(sibling.state()).containsEntry("user:lang", "fr").containsEntry(app, "2")
                .doesNotContainKeys("topic", "temp:draft");
        assertThat(stranger.state()).containsEntry(app, "2").doesNotContainKeys("topic", "user:lang", "temp:draft");
    }

    @Test
    void anAppendedEventChangesTheStoredStateAndTheSessionLikeAdksOwnService() {
        Session session = create("deltas");
        Event first = Event.builder().id("d1").author("agent").timestamp(SampleEvents.T0).actions(EventActions.builder()
                .stateDelta(new ConcurrentHashMap<>(Map.of("a", 1, "user:b", 2, "temp:c", 3))).build()).build();
        ConcurrentHashMap<String, Object> removal = new ConcurrentHashMap<>(Map.of("a", State.REMOVED, "d", "kept"));
        Event second = Event.builder().id("d2").author("agent").timestamp(SampleEvents.T0 + 1)
                .actions(EventActions.builder().stateDelta(removal).build()).build();

        service.appendEvent(session, first).blockingGet();
        service.appendEvent(session, second).blockingGet();

        Map<String, Object> expected = Map.of("user:b", 2, "temp:c", 3, "d", "kept");
        assertThat(session.events()).containsExactly(first, second);
        assertThat(session.state()).containsAllEntriesOf(expected).doesNotContainKey("a");
        assertThat(session.lastUpdateTime()).isEqualTo(Instant.ofEpochMilli(SampleEvents.T0 + 1));
        assertThat(get(service, "deltas", GetSessionConfig.builder().build()).state())
                .containsAllEntriesOf(expected).doesNotContainKey("a");
    }

    @Test
    void aSessionConfigReadsTheEventsItAsksFor() {
        Session session = create("windows");
        List<Event> events = SampleEvents.all();
        events.forEach(event -> service.appendEvent(session, event).blockingGet());
        List<Event> last3 = events.subList(events.size() - 3, events.size());

        assertThat(SampleEvents.stored(get(elsewhere, "windows", GetSessionConfig.builder().numRecentEvents(3).build())
                .events())).isEqualTo(SampleEvents.stored(last3));
        assertThat(SampleEvents.stored(get(elsewhere, "windows", GetSessionConfig.builder()
                .afterTimestamp(Instant.ofEpochMilli(SampleEvents.T0 + 9)).build()).events()))
                .isEqualTo(SampleEvents.stored(events.subList(8, 11)));
        assertThat(SampleEvents.stored(get(elsewhere, "windows", GetSessionConfig.builder().numRecentEvents(5)
                .afterTimestamp(Instant.ofEpochMilli(SampleEvents.T0 + 8)).build()).events()))
                .isEqualTo(SampleEvents.stored(events.subList(7, 11)));
        assertThat(get(elsewhere, "windows", GetSessionConfig.builder().numRecentEvents(0).build()).events()).isEmpty();
        Session none = get(elsewhere, "windows", GetSessionConfig.builder().afterTimestamp(Instant.ofEpochMilli(
                SampleEvents.T0 + 60_000)).build());
        assertThat(none.events()).isEmpty();
        assertThat(none.state()).containsKey("user:last_city");
    }

    @Test
    void theSameEventAppendedAgainIsStoredOnceAndAPartialOneNever() {
        Session session = create("retries");
        Event event = Event.builder().id("r1").author("user").content(SampleEvents.user("hi")).build();
        Event partial = Event.builder().id("r2").author("agent").content(SampleEvents.model(
                com.google.genai.types.Part.fromText("h"))).partial(true).build();

        service.appendEvent(session, event).blockingGet();
        service.appendEvent(session, event).blockingGet();
        assertThat(service.appendEvent(session, partial).blockingGet()).isSameAs(partial);

        assertThat(stored("retries")).hasSize(1);
        assertThat(get("retries").events()).extracting(Event::id).containsExactly("r1");
    }

    @Test
    void listSessionsGivesTheUsersSessionsOfTheAppOnly() {
        create("mine-1");
        create("mine-2");
        service.createSession("other_app", user, null, "theirs").blockingGet();
        service.createSession(APP, user + "-other", null, "someone-elses").blockingGet();

        assertThat(elsewhere.listSessions(APP, user).blockingGet().sessionIds())
                .containsExactlyInAnyOrder("mine-1", "mine-2");
        assertThat(elsewhere.listSessions("other_app", user).blockingGet().sessions()).singleElement()
                .satisfies(listed -> {
                    assertThat(listed.id()).isEqualTo("theirs");
                    assertThat(listed.appName()).isEqualTo("other_app");
                    assertThat(listed.events()).isEmpty();
                });
    }

    @Test
    void anotherAppOrUserNeitherReadsNorDeletesTheSession() {
        Session session = create("private");
        service.appendEvent(session, SampleEvents.all().get(0)).blockingGet();

        assertThat(elsewhere.getSession("other_app", user, "private", Optional.empty()).blockingGet()).isNull();
        assertThat(elsewhere.getSession(APP, user + "-other", "private", Optional.empty()).blockingGet()).isNull();
        assertThat(elsewhere.listEvents(APP, user + "-other", "private").blockingGet().events()).isEmpty();
        elsewhere.deleteSession(APP, user + "-other", "private").blockingAwait();
        elsewhere.deleteSession("other_app", user, "private").blockingAwait();

        assertThat(get("private").events()).hasSize(1);
    }

    @Test
    void deletingASessionOrAUserPurgesThem() {
        create("gone");
        create("also-gone");
        create("kept");

        elsewhere.deleteSession(APP, user, "gone").blockingAwait();
        assertThat(get("gone")).isNull();
        assertThat(service.listSessions(APP, user).blockingGet().sessionIds())
                .containsExactlyInAnyOrder("also-gone", "kept");

        assertThat(elsewhere.deleteUser(user).blockingGet()).isEqualTo(2);
        assertThat(service.listSessions(APP, user).blockingGet().sessions()).isEmpty();
        assertThat(process().blocking().getSession(AdkIds.sessionId("kept")).value()).isEmpty();
    }

    @Test
    void idsOutsideMnemosCharactersComeBackAsGiven() {
        String email = user + "@example.com";
        Session session = service.createSession(APP, email, Map.of("user:name", "Ada"), "chat 1/ü").blockingGet();
        service.appendEvent(session, SampleEvents.all().get(0)).blockingGet();

        Session read = elsewhere.getSession(APP, email, "chat 1/ü", Optional.empty()).blockingGet();
        assertThat(read.id()).isEqualTo("chat 1/ü");
        assertThat(read.userId()).isEqualTo(email);
        assertThat(read.state()).containsEntry("user:name", "Ada");
        assertThat(read.events()).hasSize(1);
        assertThat(elsewhere.listSessions(APP, email).blockingGet().sessionIds()).containsExactly("chat 1/ü");
        SessionId id = AdkIds.sessionId("chat 1/ü");
        assertThat(process().blocking().getSession(id).value().orElseThrow().userId()).isEqualTo(AdkIds.userId(email));
    }

    @Test
    void aNewSessionGetsAUuidAndAnExistingIdIsRefused() {
        Session minted = service.createSession(APP, user).blockingGet();
        assertThat(UUID.fromString(minted.id())).isNotNull();
        assertThat(minted.state()).isEmpty();
        assertThat(minted.events()).isEmpty();

        assertThatThrownBy(() -> service.createSession(APP, user, null, minted.id()).blockingGet())
                .isInstanceOf(SessionException.class).hasMessageContaining("already exists");
    }

    @Test
    void aMissingSessionIsAbsentNotAnError() {
        assertThat(get("never-created")).isNull();
        assertThat(elsewhere.listEvents(APP, user, "never-created").blockingGet().events()).isEmpty();
        elsewhere.deleteSession(APP, user, "never-created").blockingAwait();
        assertThat(elsewhere.listSessions(APP, user).blockingGet().sessions()).isEmpty();
    }
}
