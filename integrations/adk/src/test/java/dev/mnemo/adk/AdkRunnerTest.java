package dev.mnemo.adk;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.adk.agents.LlmAgent;
import com.google.adk.artifacts.InMemoryArtifactService;
import com.google.adk.events.Event;
import com.google.adk.runner.Runner;
import com.google.adk.sessions.BaseSessionService;
import com.google.adk.sessions.Session;
import dev.mnemo.Message;
import dev.mnemo.Mnemo;
import dev.mnemo.Role;
import dev.mnemo.testkit.firestore.FirestoreEmulatorExtension;
import dev.mnemo.testkit.redis.RedisServerExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * ADK's own entry point, a {@link Runner} with an {@link LlmAgent} that calls a {@code FunctionTool},
 * driven by a scripted model, on Redis, Firestore and the memory tier. Each turn runs in a process
 * of its own (its own Mnemo on the same servers), as turns of a deployed agent do.
 */
class AdkRunnerTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();
    @RegisterExtension
    static final FirestoreEmulatorExtension FIRESTORE = new FirestoreEmulatorExtension(
            FirestoreEmulatorExtension.DEFAULT_PROJECT_ID, false);

    private static final String APP = "weather_app";
    private static final String USER = "ada@example.com";

    private final List<Mnemo> processes = new ArrayList<>();
    private String namespace;

    @BeforeEach
    void namespace() {
        namespace = Deployments.namespace();
        WeatherTools.CITIES.clear();
    }

    @AfterEach
    void close() {
        processes.forEach(Mnemo::close);
    }

    private MnemoSessionService newProcess() {
        Mnemo mnemo = Deployments.servers(REDIS, FIRESTORE, namespace);
        processes.add(mnemo);
        return MnemoSessionService.create(mnemo);
    }

    static Runner runner(LlmAgent agent, BaseSessionService sessions) {
        return Runner.builder().agent(agent).appName(APP).sessionService(sessions)
                .artifactService(new InMemoryArtifactService()).build();
    }

    static LlmAgent agent(ScriptedLlm model) {
        return LlmAgent.builder().name("weather_agent").model(model).instruction("You tell the weather.")
                .tools(WeatherTools.tool()).build();
    }

    static List<Event> run(Runner runner, String user, String sessionId, String text) {
        return runner.runAsync(user, sessionId, SampleEvents.user(text)).toList().blockingGet();
    }

    @Test
    void anAgentThatCallsAToolKeepsItsConversationInMnemoFromTurnToTurn() {
        ScriptedLlm model = new ScriptedLlm(ScriptedLlm.callTool("get_weather", Map.of("city", "Paris")),
                ScriptedLlm.answer("It is 21 degrees in Paris."), ScriptedLlm.answer("You asked about Paris."));
        LlmAgent agent = agent(model);
        MnemoSessionService first = newProcess();
        first.createSession(APP, USER, Map.of("topic", "weather"), "chat-1").blockingGet();

        List<Event> turn1 = run(runner(agent, first), USER, "chat-1", "How warm is it in Paris?");
        List<Event> turn2 = run(runner(agent, newProcess()), USER, "chat-1", "What did I ask you?");

        assertThat(turn1.get(turn1.size() - 1).stringifyContent()).isEqualTo("It is 21 degrees in Paris.");
        assertThat(turn2.get(turn2.size() - 1).stringifyContent()).isEqualTo("You asked about Paris.");
        assertThat(WeatherTools.CITIES).containsExactly("Paris");
        assertThat(model.requests).hasSize(3);
        assertThat(ScriptedLlm.lines(model.requests.get(2))).as("the second process's model sees the first turn")
                .containsExactly(
                        "user: How warm is it in Paris?",
                        "model: call get_weather {city=Paris}",
                        "user: response get_weather {city=Paris, temperature=21, unit=C}",
                        "model: It is 21 degrees in Paris.",
                        "user: What did I ask you?");

        Session stored = newProcess().getSession(APP, USER, "chat-1", Optional.empty()).blockingGet();
        List<Event> agentEvents = stored.events().stream().filter(event -> !event.author().equals("user")).toList();
        List<Event> yielded = new ArrayList<>(turn1);
        yielded.addAll(turn2);
        assertThat(SampleEvents.stored(agentEvents)).as("what the runners yielded, read back from another process")
                .isEqualTo(SampleEvents.stored(yielded));
        assertThat(stored.events()).extracting(Event::author)
                .containsExactly("user", "weather_agent", "weather_agent", "weather_agent", "user", "weather_agent");
        assertThat(stored.state()).containsEntry("topic", "weather").containsEntry("user:last_city", "Paris")
                .containsEntry("app:weather_calls", 1).containsEntry("last_lookup", Map.of("city", "Paris", "ok", true))
                .doesNotContainKey("temp:raw_reading");

        List<Message> transcript = processes.get(0).blocking().messagesAfter(AdkIds.sessionId("chat-1"), null, 100).value();
        assertThat(transcript).extracting(Message::role).containsExactly(
                Role.USER, Role.ASSISTANT, Role.TOOL, Role.ASSISTANT, Role.USER, Role.ASSISTANT);
        String callId = transcript.get(1).toolCalls().get(0).id();
        assertThat(callId).startsWith("adk-");
        assertThat(transcript.get(1).toolCalls().get(0).arguments()).isEqualTo("{\"city\":\"Paris\"}");
        assertThat(transcript.get(2).toolCallId()).isEqualTo(callId);
        assertThat(transcript.get(2).name()).isEqualTo("get_weather");
        assertThat(transcript.get(2).content()).contains("\"temperature\":21");
        assertThat(transcript.get(3).content()).isEqualTo("It is 21 degrees in Paris.");
    }

    @Test
    void theUsersStateFollowsThemIntoTheirNextSession() {
        ScriptedLlm model = new ScriptedLlm(ScriptedLlm.callTool("get_weather", Map.of("city", "Oslo")),
                ScriptedLlm.answer("Cold."));
        MnemoSessionService sessions = newProcess();
        sessions.createSession(APP, USER, null, "monday").blockingGet();
        run(runner(agent(model), sessions), USER, "monday", "Weather in Oslo?");

        Session tuesday = newProcess().createSession(APP, USER, null, "tuesday").blockingGet();
        Session stranger = newProcess().createSession(APP, "someone-else", null, "theirs").blockingGet();

        assertThat(tuesday.state()).containsEntry("user:last_city", "Oslo").containsEntry("app:weather_calls", 1)
                .doesNotContainKey("last_lookup");
        assertThat(stranger.state()).containsEntry("app:weather_calls", 1).doesNotContainKey("user:last_city");
    }
}
