package dev.mnemo.examples.adk;

import com.google.adk.agents.LlmAgent;
import com.google.adk.artifacts.InMemoryArtifactService;
import com.google.adk.events.Event;
import com.google.adk.runner.Runner;
import com.google.adk.sessions.Session;
import com.google.genai.types.Content;
import com.google.genai.types.Part;
import dev.mnemo.Message;
import dev.mnemo.Mnemo;
import dev.mnemo.adk.AdkIds;
import dev.mnemo.adk.MnemoSessionService;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A Google ADK agent whose sessions live in Mnemo: an {@link LlmAgent} with a tool, run by ADK's
 * own {@link Runner}, with {@link MnemoSessionService} as its session service and a scripted model,
 * offline, on the embedded default (set {@code mnemo.redis.uri} and a Firestore project or emulator
 * to keep the sessions in Redis and Firestore instead). Three runs, each with a new runner and
 * session service, as after a restart; only Mnemo remembers:
 * <ol>
 *   <li>session {@code trip-1}: the user asks for the weather in Lisbon; the model calls the tool,
 *       which saves the city in the user's state ({@code user:last_city});</li>
 *   <li>{@code trip-1} again: the model answers from the conversation ADK loaded from Mnemo;</li>
 *   <li>a new session {@code trip-2}: the user's state came along, and the instruction ADK fills
 *       from it greets them with their last city.</li>
 * </ol>
 * <p>Run it with
 * <pre>{@code
 * mvn -q install -DskipTests -pl examples -am && \
 *   mvn -q -pl examples exec:java -Dexec.mainClass=dev.mnemo.examples.adk.AdkAgentExample
 * }</pre>
 */
public final class AdkAgentExample {

    static final String APP = "weather_app";
    static final String USER = "ada@example.com";

    private AdkAgentExample() {
    }

    /** @param args ignored */
    public static void main(String[] args) {
        run(System.out);
    }

    /**
     * What the runs showed.
     *
     * @param first      the last event of run 1: the answer after the tool call
     * @param recalled   the last event of run 2
     * @param welcomed   the last event of run 3, in the new session
     * @param trip1      session {@code trip-1} as read back at the end
     * @param transcript {@code trip-1}'s messages as Mnemo holds them
     */
    public record Outcome(Event first, Event recalled, Event welcomed, Session trip1, List<Message> transcript) {
    }

    /**
     * Runs the three runs.
     *
     * @param out where to print
     * @return what they showed
     */
    public static Outcome run(PrintStream out) {
        try (Mnemo mnemo = Mnemo.create()) {
            LlmAgent agent = LlmAgent.builder().name("weather_agent").model(new WeatherModel())
                    .instruction("You tell the weather. Last city: {user:last_city?}")
                    .tools(WeatherTool.tool()).build();
            MnemoSessionService.create(mnemo).createSession(APP, USER, null, "trip-1").blockingGet();

            out.println("== run 1, trip-1");
            Event first = say(mnemo, agent, "trip-1", "What is the weather in Lisbon?", out);
            out.println("== run 2, trip-1, a new runner");
            Event recalled = say(mnemo, agent, "trip-1", "Thanks. Remind me, what did I ask you?", out);
            out.println("== run 3, a new session trip-2");
            MnemoSessionService.create(mnemo).createSession(APP, USER, null, "trip-2").blockingGet();
            Event welcomed = say(mnemo, agent, "trip-2", "Hi!", out);

            Session trip1 = MnemoSessionService.create(mnemo).getSession(APP, USER, "trip-1", Optional.empty())
                    .blockingGet();
            List<Message> transcript = mnemo.blocking().messagesAfter(AdkIds.sessionId("trip-1"), null, 100).value();
            out.println("== trip-1 in Mnemo: " + transcript.size() + " messages, state "
                    + new TreeMap<>(trip1.state()));
            for (Message message : transcript) {
                out.println("   " + message.role() + " " + (message.toolCalls().isEmpty() ? message.content()
                        : "calls " + message.toolCalls().get(0).name() + " " + message.toolCalls().get(0).arguments()));
            }
            return new Outcome(first, recalled, welcomed, trip1, transcript);
        }
    }

    /** One run: a new runner on a new session service, as a restarted server would have. */
    private static Event say(Mnemo mnemo, LlmAgent agent, String sessionId, String text, PrintStream out) {
        Runner runner = Runner.builder().agent(agent).appName(APP).sessionService(MnemoSessionService.create(mnemo))
                .artifactService(new InMemoryArtifactService()).build();
        out.println("   user:  " + text);
        Content message = Content.fromParts(Part.fromText(text));
        List<Event> events = runner.runAsync(USER, sessionId, message).toList().blockingGet();
        events.stream().filter(event -> !event.functionCalls().isEmpty())
                .forEach(event -> out.println("   tool:  " + event.functionCalls().get(0).name().orElse("")
                        + " " + event.functionCalls().get(0).args().orElse(Map.of())));
        Event last = events.get(events.size() - 1);
        out.println("   agent: " + last.stringifyContent());
        return last;
    }
}
