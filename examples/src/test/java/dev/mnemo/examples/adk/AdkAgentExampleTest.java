package dev.mnemo.examples.adk;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.adk.events.Event;
import dev.mnemo.Message;
import dev.mnemo.Role;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS) // one run of the example serves every test
class AdkAgentExampleTest {

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final AdkAgentExample.Outcome outcome =
            AdkAgentExample.run(new PrintStream(printed, true, StandardCharsets.UTF_8));

    @Test
    void theToolCallAndItsResultAnswerTheQuestion() {
        assertThat(outcome.first().stringifyContent()).isEqualTo("It is 23 °C and clear in Lisbon.");
        assertThat(outcome.transcript()).extracting(Message::role)
                .containsExactly(Role.USER, Role.ASSISTANT, Role.TOOL, Role.ASSISTANT, Role.USER, Role.ASSISTANT);
        assertThat(outcome.transcript().get(1).toolCalls()).singleElement().satisfies(call -> {
            assertThat(call.name()).isEqualTo("get_weather");
            assertThat(call.arguments()).isEqualTo("{\"city\":\"Lisbon\"}");
        });
    }

    @Test
    void aNewRunnerAnswersFromTheConversationMnemoKept() {
        assertThat(outcome.recalled().stringifyContent()).isEqualTo("You asked: \"What is the weather in Lisbon?\"");
        assertThat(outcome.trip1().events()).extracting(Event::author)
                .containsExactly("user", "weather_agent", "weather_agent", "weather_agent", "user", "weather_agent");
    }

    @Test
    void theUsersStateFollowsThemIntoANewSession() {
        assertThat(outcome.welcomed().stringifyContent()).isEqualTo("Welcome back! Last time you asked about Lisbon.");
        assertThat(outcome.trip1().state()).containsEntry("user:last_city", "Lisbon");
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("== run 3, a new session trip-2");
    }
}
