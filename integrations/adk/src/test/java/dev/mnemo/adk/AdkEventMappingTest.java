package dev.mnemo.adk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.adk.events.Event;
import com.google.adk.sessions.State;
import com.google.genai.types.Part;
import dev.mnemo.CorruptDataException;
import dev.mnemo.Message;
import dev.mnemo.Role;
import dev.mnemo.ToolCall;
import dev.mnemo.spi.support.Ids;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The mapping alone, no tier: each event kind to a message, which fields hold what, and back. */
class AdkEventMappingTest {

    private static final List<Event> EVENTS = SampleEvents.all();

    private static Message message(int index) {
        return EventMapping.toMessage(EVENTS.get(index), Message.newId());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> rest(Message message) {
        return (Map<String, Object>) message.metadata().get(EventMapping.METADATA_KEY);
    }

    @Test
    void everyKindOfEventReadsBackAsItWasButItsTempKeys() {
        for (Event event : EVENTS) {
            Event back = EventMapping.toEvent(EventMapping.toMessage(event, Message.newId()));

            assertThat(SampleEvents.json(back)).as(event.id()).isEqualTo(SampleEvents.stored(event));
        }
        Event withoutBytes = EVENTS.get(1);
        assertThat(EventMapping.toEvent(EventMapping.toMessage(withoutBytes, Message.newId()))).isEqualTo(withoutBytes);
    }

    @Test
    void aUserTextIsAUserMessageStoredOnce() {
        Message message = message(0);

        assertThat(message.role()).isEqualTo(Role.USER);
        assertThat(message.content()).isEqualTo("What is the weather in Paris and in Oslo?");
        assertThat(message.name()).isEqualTo("user");
        assertThat(message.createdAt()).isEqualTo(Instant.ofEpochMilli(SampleEvents.T0 + 1));
        assertThat(rest(message)).containsEntry("id", "event-1").containsEntry("invocationId", "invocation-1")
                .doesNotContainKeys("content", "author", "timestamp");
    }

    @Test
    void functionCallsAreToolCallsAndTheirResponsesToolMessagesThatStillPair() {
        Message calls = message(1);
        Message responses = message(2);

        assertThat(calls.role()).isEqualTo(Role.ASSISTANT);
        assertThat(calls.name()).isEqualTo("weather_agent");
        assertThat(calls.content()).isEqualTo("Let me look.");
        assertThat(calls.toolCalls()).extracting(ToolCall::name).containsExactly("get_weather", "get_weather");
        assertThat(calls.toolCalls().get(0)).isEqualTo(new ToolCall("adk-11111111-2222-3333-4444-555555555555",
                "get_weather", "{\"city\":\"Paris\"}"));
        String oslo = calls.toolCalls().get(1).id();
        assertThat(oslo).isEqualTo(AdkIds.callId("call/2 (Oslo)", calls.id(), 1)).startsWith("call-2--Oslo--");
        assertThat(rest(calls)).as("the id Mnemo had to hash is kept as given").containsKey("content");
        assertThat(message(7).toolCalls()).containsExactly(new ToolCall("adk-long-1", "schedule_report", "{}"));
        assertThat(rest(message(7))).as("what the fields hold is not stored twice").doesNotContainKey("content");

        assertThat(responses.role()).isEqualTo(Role.TOOL);
        assertThat(responses.toolCallId()).isEqualTo("adk-11111111-2222-3333-4444-555555555555");
        assertThat(responses.name()).isEqualTo("get_weather");
        assertThat(responses.content()).isEqualTo("[{\"temperature\":21},{\"temperature\":-3.5}]");
        assertThat(rest(responses)).containsEntry("author", "weather_agent").containsKey("content");

        Message single = message(8);
        assertThat(single.role()).isEqualTo(Role.TOOL);
        assertThat(single.toolCallId()).isEqualTo("adk-long-1");
        assertThat(single.content()).isEqualTo("{\"status\":\"pending\"}");
        assertThat(rest(single)).doesNotContainKey("content");
    }

    @Test
    void aCallWithoutAnIdGetsOneFromItsMessage() {
        Message message = message(9);

        assertThat(message.toolCalls()).containsExactly(new ToolCall("call-" + message.id() + "-0", "no_id_tool",
                "{\"q\":\"x\"}"));
        assertThat(EventMapping.toEvent(message).functionCalls().get(0).id()).isEmpty();
    }

    @Test
    void partsWithoutTextAreDescribedAndKeptWhole() {
        assertThat(message(3).content()).as("thoughts are left out").isEqualTo("Paris: 21 °C. Oslo: -3.5 °C.");
        assertThat(message(4).content()).isEqualTo("[inline image/png, file gs://bucket/forecast.pdf]");
        assertThat(message(5).content()).isEqualTo("[code, code result]");
        Message noContent = message(6);
        assertThat(noContent.content()).isEqualTo("[no content]");
        assertThat(rest(noContent)).containsEntry("content", null);
        assertThat(EventMapping.toEvent(noContent).content()).isEmpty();
    }

    @Test
    void theStateDeltaKeepsItsRemovalsAndLosesItsTempKeys() {
        Map<?, ?> stored = (Map<?, ?>) ((Map<?, ?>) rest(message(2)).get("actions")).get("stateDelta");
        assertThat(stored.keySet().stream().map(String::valueOf))
                .containsExactlyInAnyOrder("user:last_city", "app:calls", "turn");

        Event removal = EventMapping.toEvent(message(6));
        assertThat(removal.actions().stateDelta()).containsEntry("draft", State.REMOVED);
        assertThat(removal.actions().transferToAgent()).contains("forecast_agent");
        assertThat(removal.actions().artifactDelta()).containsEntry("report.txt", 1);
    }

    @Test
    void messagesWrittenOutsideAdkReadAsEvents() {
        Message question = Message.user("Weather in Rome?");
        Message call = Message.builder(Role.ASSISTANT).toolCall("call_1", "get_weather", "{\"city\":\"Rome\"}").build();
        Message result = Message.builder(Role.TOOL).toolCallId("call_1").name("get_weather").content("sunny").build();
        Message answer = Message.assistant("Sunny in Rome.");

        Event asked = EventMapping.toEvent(question);
        assertThat(asked.id()).isEqualTo(question.id().toString());
        assertThat(asked.author()).isEqualTo("user");
        assertThat(asked.content().orElseThrow()).isEqualTo(SampleEvents.user("Weather in Rome?"));
        assertThat(asked.timestamp()).isEqualTo(question.createdAt().toEpochMilli());
        assertThat(EventMapping.toEvent(call).functionCalls()).singleElement().satisfies(functionCall -> {
            assertThat(functionCall.id()).contains("call_1");
            assertThat(functionCall.args()).contains(Map.of("city", "Rome"));
        });
        assertThat(EventMapping.toEvent(result).functionResponses()).singleElement().satisfies(response -> {
            assertThat(response.name()).contains("get_weather");
            assertThat(response.response()).contains(Map.of("result", "sunny"));
        });
        assertThat(EventMapping.toEvent(answer).author()).isEqualTo("model");
        assertThat(EventMapping.toEvent(answer).content().orElseThrow())
                .isEqualTo(SampleEvents.model(Part.fromText("Sunny in Rome.")));
    }

    @Test
    void metadataThatIsNoEventIsReportedAsCorrupt() {
        Message broken = Message.builder(Role.USER).content("hi").metadata(EventMapping.METADATA_KEY,
                Map.of("actions", "not an object")).build();

        assertThatThrownBy(() -> EventMapping.toEvent(broken)).isInstanceOf(CorruptDataException.class)
                .hasMessageContaining(broken.id().toString());
    }

    @Test
    void idsThatAreNotMnemoIdsAreHashedReadably() {
        assertThat(AdkIds.userId("user-7")).isEqualTo("user-7");
        assertThat(AdkIds.userId("ada@example.com")).startsWith("ada-example.com-").hasSize(16 + 64);
        assertThat(AdkIds.sessionId("chat/1").value()).isNotEqualTo(AdkIds.sessionId("chat:1").value());
        assertThat(AdkIds.sessionId("x".repeat(200)).value()).hasSize(Ids.READABLE_PREFIX + 1 + 64);
        assertThat(AdkIds.callId("", UUID.fromString("00000000-0000-7000-8000-000000000000"), 2))
                .isEqualTo("call-00000000-0000-7000-8000-000000000000-2");
    }
}
