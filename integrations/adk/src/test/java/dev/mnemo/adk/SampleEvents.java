package dev.mnemo.adk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.adk.JsonBaseModel;
import com.google.adk.events.Event;
import com.google.adk.events.EventActions;
import com.google.adk.sessions.State;
import com.google.genai.types.Blob;
import com.google.genai.types.CodeExecutionResult;
import com.google.genai.types.Content;
import com.google.genai.types.ExecutableCode;
import com.google.genai.types.FileData;
import com.google.genai.types.FinishReason;
import com.google.genai.types.FunctionCall;
import com.google.genai.types.FunctionResponse;
import com.google.genai.types.GenerateContentResponseUsageMetadata;
import com.google.genai.types.Language;
import com.google.genai.types.Outcome;
import com.google.genai.types.Part;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Events of every kind ADK writes, with fixed ids and timestamps, and how tests compare them. */
final class SampleEvents {

    static final long T0 = 1_767_225_600_000L; // 2026-01-01T00:00:00Z

    private SampleEvents() {
    }

    static Content user(String text) {
        return Content.builder().role("user").parts(Part.fromText(text)).build();
    }

    static Content model(Part... parts) {
        return Content.builder().role("model").parts(parts).build();
    }

    static Part call(String id, String name, Map<String, Object> args) {
        return Part.builder().functionCall(FunctionCall.builder().id(id).name(name).args(args).build()).build();
    }

    static Part response(String id, String name, Map<String, Object> response) {
        return Part.builder().functionResponse(FunctionResponse.builder().id(id).name(name).response(response).build())
                .build();
    }

    private static Event.Builder event(int n, String author) {
        return Event.builder().id("event-" + n).invocationId("invocation-1").author(author).timestamp(T0 + n);
    }

    private static EventActions delta(Map<String, Object> values) {
        return EventActions.builder().stateDelta(new ConcurrentHashMap<>(values)).build();
    }

    /** @return one event of each kind, in the order a conversation could hold them */
    static List<Event> all() {
        Map<String, Object> removals = new LinkedHashMap<>();
        removals.put("draft", State.REMOVED);
        return List.of(
                event(1, "user").content(user("What is the weather in Paris and in Oslo?"))
                        .actions(delta(Map.of("draft", "v1"))).build(),
                event(2, "weather_agent").content(model(Part.fromText("Let me look."),
                        call("adk-11111111-2222-3333-4444-555555555555", "get_weather", Map.of("city", "Paris")),
                        call("call/2 (Oslo)", "get_weather", Map.of("city", "Oslo", "units", List.of("C", "F")))))
                        .build(),
                event(3, "weather_agent").content(Content.builder().role("user").parts(
                        response("adk-11111111-2222-3333-4444-555555555555", "get_weather", Map.of("temperature", 21)),
                        response("call/2 (Oslo)", "get_weather", Map.of("temperature", -3.5))).build())
                        .actions(delta(Map.of("user:last_city", "Oslo", "app:calls", 2, "temp:scratch", "x",
                                "turn", Map.of("n", 1, "cities", List.of("Paris", "Oslo"))))).build(),
                event(4, "weather_agent").content(model(Part.builder().text("Comparing the two.").thought(true).build(),
                        Part.fromText("Paris: 21 °C. Oslo: -3.5 °C.")))
                        .usageMetadata(GenerateContentResponseUsageMetadata.builder().promptTokenCount(120)
                                .candidatesTokenCount(14).totalTokenCount(134).build())
                        .finishReason(new FinishReason(FinishReason.Known.STOP)).modelVersion("scripted-1")
                        .avgLogprobs(-0.25).turnComplete(true).build(),
                event(5, "user").content(Content.builder().role("user").parts(
                        Part.builder().inlineData(Blob.builder().mimeType("image/png")
                                .data("not really a png".getBytes(StandardCharsets.UTF_8)).build()).build(),
                        Part.builder().fileData(FileData.builder().fileUri("gs://bucket/forecast.pdf")
                                .mimeType("application/pdf").build()).build()).build()).build(),
                event(6, "weather_agent").content(model(
                        Part.builder().executableCode(ExecutableCode.builder().code("print(21 - -3.5)")
                                .language(new Language(Language.Known.PYTHON)).build()).build(),
                        Part.builder().codeExecutionResult(CodeExecutionResult.builder()
                                .outcome(new Outcome(Outcome.Known.OUTCOME_OK)).output("24.5").build()).build()))
                        .build(),
                event(7, "weather_agent").actions(EventActions.builder().stateDelta(new ConcurrentHashMap<>(removals))
                        .transferToAgent("forecast_agent").escalate(true).skipSummarization(true)
                        .artifactDelta(Map.of("report.txt", 1)).build())
                        .branch("weather_agent.forecast_agent").longRunningToolIds(Set.of("adk-long-1"))
                        .errorCode(new FinishReason(FinishReason.Known.MAX_TOKENS)).errorMessage("cut short")
                        .interrupted(false).partial(false).build(),
                event(8, "forecast_agent").content(model(call("adk-long-1", "schedule_report", Map.of()))).build(),
                event(9, "forecast_agent").content(Content.builder().role("user").parts(
                        response("adk-long-1", "schedule_report", Map.of("status", "pending"))).build()).build(),
                event(10, "forecast_agent").content(model(Part.builder().functionCall(
                        FunctionCall.builder().name("no_id_tool").args(Map.of("q", "x")).build()).build())).build(),
                event(11, "forecast_agent").content(model(Part.fromText("Done."))).build());
    }

    /** @return the event as ADK's JSON writes it: what "equal" means for events (byte arrays compare by value) */
    static JsonNode json(Event event) {
        return JsonBaseModel.getMapper().valueToTree(event);
    }

    /** @return {@link #json} without the {@code temp:} keys of the state delta, which Mnemo never stores */
    static JsonNode stored(Event event) {
        ObjectNode node = (ObjectNode) json(event);
        if (node.path("actions").path("stateDelta") instanceof ObjectNode delta) {
            delta.properties().removeIf(entry -> entry.getKey().startsWith(State.TEMP_PREFIX));
        }
        return node;
    }

    static JsonNode parse(String json) {
        try {
            return JsonBaseModel.getMapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static List<JsonNode> stored(List<Event> events) {
        return events.stream().map(SampleEvents::stored).toList();
    }
}
