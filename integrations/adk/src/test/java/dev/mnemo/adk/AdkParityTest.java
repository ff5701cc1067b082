package dev.mnemo.adk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.adk.events.Event;
import com.google.adk.sessions.BaseSessionService;
import com.google.adk.sessions.GetSessionConfig;
import com.google.adk.sessions.InMemorySessionService;
import com.google.adk.sessions.Session;
import dev.mnemo.Mnemo;
import dev.mnemo.testkit.firestore.FirestoreEmulatorExtension;
import dev.mnemo.testkit.redis.RedisServerExtension;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Side by side: the same script against ADK's own {@link InMemorySessionService} and against
 * {@link MnemoSessionService} on Redis, Firestore and the memory tier gives the same events and the
 * same state. The one difference is deliberate: Mnemo never stores a {@code temp:} key, so the
 * stored events' state deltas lack them (the state still has them, in the process that set them).
 */
class AdkParityTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();
    @RegisterExtension
    static final FirestoreEmulatorExtension FIRESTORE = new FirestoreEmulatorExtension(
            FirestoreEmulatorExtension.DEFAULT_PROJECT_ID, false);

    private static final String APP = "weather_app";
    private static final String USER = "ada";
    private static final Pattern CALL_ID = Pattern.compile("adk-[0-9a-f-]{36}");

    private final Mnemo mnemo = Deployments.servers(REDIS, FIRESTORE, Deployments.namespace());
    private final BaseSessionService adk = new InMemorySessionService();
    private final BaseSessionService ours = MnemoSessionService.create(mnemo);

    @AfterEach
    void close() {
        mnemo.close();
    }

    private static Session get(BaseSessionService service, GetSessionConfig config) {
        return service.getSession(APP, USER, "parity", Optional.of(config)).blockingGet();
    }

    @Test
    void theSameEventsGiveTheSameSessions() {
        for (BaseSessionService service : List.of(adk, ours)) {
            Session session = service.createSession(APP, USER, Map.of("topic", "weather"), "parity").blockingGet();
            SampleEvents.all().forEach(event -> service.appendEvent(session, event).blockingGet());
        }

        for (GetSessionConfig config : List.of(GetSessionConfig.builder().build(),
                GetSessionConfig.builder().numRecentEvents(4).build(),
                GetSessionConfig.builder().afterTimestamp(Instant.ofEpochMilli(SampleEvents.T0 + 6)).build(),
                GetSessionConfig.builder().numRecentEvents(6).afterTimestamp(Instant.ofEpochMilli(SampleEvents.T0 + 8))
                        .build())) {
            Session theirs = get(adk, config);
            Session mine = get(ours, config);
            assertThat(SampleEvents.stored(mine.events())).as(config.toString())
                    .isEqualTo(SampleEvents.stored(theirs.events()));
            assertThat(mine.state()).as(config.toString()).isEqualTo(theirs.state());
            assertThat(List.of(mine.id(), mine.appName(), mine.userId()))
                    .isEqualTo(List.of(theirs.id(), theirs.appName(), theirs.userId()));
        }
        assertThat(get(ours, GetSessionConfig.builder().build()).state()).containsEntry("temp:scratch", "x")
                .containsEntry("user:last_city", "Oslo").containsEntry("app:calls", 2).doesNotContainKey("draft");
        Event withTemp = get(adk, GetSessionConfig.builder().build()).events().get(2);
        assertThat(withTemp.actions().stateDelta()).containsKey("temp:scratch");
        assertThat(get(ours, GetSessionConfig.builder().build()).events().get(2).actions().stateDelta())
                .doesNotContainKey("temp:scratch");

        assertThat(SampleEvents.stored(ours.listEvents(APP, USER, "parity").blockingGet().events()))
                .isEqualTo(SampleEvents.stored(adk.listEvents(APP, USER, "parity").blockingGet().events()));
        assertThat(ours.listSessions(APP, USER).blockingGet().sessionIds())
                .isEqualTo(adk.listSessions(APP, USER).blockingGet().sessionIds());
        for (BaseSessionService service : List.of(adk, ours)) {
            service.deleteSession(APP, USER, "parity").blockingAwait();
            assertThat(get(service, GetSessionConfig.builder().build())).isNull();
        }
    }

    @Test
    void theSameRunGivesTheSameEventsAndState() {
        List<List<JsonNode>> runs = new java.util.ArrayList<>();
        List<Map<String, Object>> states = new java.util.ArrayList<>();
        for (BaseSessionService service : List.of(adk, ours)) {
            ScriptedLlm model = new ScriptedLlm(ScriptedLlm.callTool("get_weather", Map.of("city", "Paris")),
                    ScriptedLlm.answer("It is 21 degrees in Paris."));
            service.createSession(APP, USER, Map.of("topic", "weather"), "parity").blockingGet();
            List<Event> yielded = AdkRunnerTest.run(AdkRunnerTest.runner(AdkRunnerTest.agent(model), service), USER,
                    "parity", "How warm is it in Paris?");

            Session read = get(service, GetSessionConfig.builder().build());
            assertThat(read.events()).hasSize(yielded.size() + 1);
            assertThat(SampleEvents.stored(read.events().subList(1, read.events().size())))
                    .isEqualTo(SampleEvents.stored(yielded));
            assertThat(read.events()).extracting(Event::timestamp).isSorted();
            runs.add(read.events().stream().map(AdkParityTest::runIndependent).toList());
            states.add(read.state());
        }

        assertThat(runs.get(1)).isEqualTo(runs.get(0));
        assertThat(states.get(1)).isEqualTo(states.get(0)).containsEntry("user:last_city", "Paris")
                .containsEntry("app:weather_calls", 1).containsEntry("temp:raw_reading", "21.0C");
    }

    /** @return the stored event without what differs from run to run: ids, invocation id, time */
    private static JsonNode runIndependent(Event event) {
        ObjectNode node = (ObjectNode) SampleEvents.stored(event);
        node.remove(List.of("id", "invocationId", "timestamp"));
        return SampleEvents.parse(CALL_ID.matcher(node.toString()).replaceAll("adk-<call id>"));
    }
}
