package dev.mnemo.adk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.adk.JsonBaseModel;
import com.google.genai.types.Content;
import com.google.genai.types.FunctionCall;
import com.google.genai.types.FunctionResponse;
import com.google.genai.types.Part;
import dev.mnemo.Message;
import dev.mnemo.Role;
import dev.mnemo.ToolCall;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The parts of an ADK {@link Content} that Mnemo's own message fields hold, both ways: text,
 * function calls as {@link ToolCall}s, a function response as a TOOL message. JSON is written
 * and read with ADK's own mapper, as ADK stores contents.
 */
final class Contents {

    /** The roles ADK gives a content: the user's (and function responses'), the model's. */
    static final String USER = "user";
    static final String MODEL = "model";

    private static final ObjectMapper JSON = JsonBaseModel.getMapper();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() { };

    private Contents() {
    }

    /** @return the text of the parts that are text and not thoughts, in order */
    static String text(List<Part> parts) {
        return parts.stream().filter(part -> !part.thought().orElse(false))
                .map(part -> part.text().orElse("")).collect(Collectors.joining());
    }

    /** @return what a message shows for parts without text or calls, such as {@code [inline image/png]} */
    static String placeholder(List<Part> parts) {
        if (parts.isEmpty()) {
            return "[no content]";
        }
        return parts.stream().map(Contents::kind).collect(Collectors.joining(", ", "[", "]"));
    }

    private static String kind(Part part) {
        if (part.inlineData().isPresent()) {
            return "inline " + part.inlineData().get().mimeType().orElse("data");
        } else if (part.fileData().isPresent()) {
            return "file " + part.fileData().get().fileUri().orElse("");
        } else if (part.functionCall().isPresent()) {
            return "function call " + part.functionCall().get().name().orElse("");
        } else if (part.functionResponse().isPresent()) {
            return "function response " + part.functionResponse().get().name().orElse("");
        } else if (part.executableCode().isPresent()) {
            return "code";
        } else if (part.codeExecutionResult().isPresent()) {
            return "code result";
        }
        return part.thought().orElse(false) ? "thought" : "part";
    }

    /** @return the calls that have a name, as Mnemo tool calls with ids made safe (see {@link AdkIds#callId}) */
    static List<ToolCall> toolCalls(List<FunctionCall> calls, UUID messageId) {
        List<ToolCall> mapped = new ArrayList<>(calls.size());
        for (int i = 0; i < calls.size(); i++) {
            FunctionCall call = calls.get(i);
            if (call.name().filter(name -> !name.isBlank()).isPresent()) {
                mapped.add(new ToolCall(AdkIds.callId(call.id().orElse(null), messageId, i), call.name().get(),
                        write(call.args().orElse(Map.of()))));
            }
        }
        return mapped;
    }

    /** @return the content of a TOOL message: the response's JSON, or a JSON array of several */
    static String responses(List<FunctionResponse> responses) {
        return responses.size() == 1 ? write(responses.get(0).response().orElse(Map.of()))
                : write(responses.stream().map(response -> response.response().orElse(Map.of())).toList());
    }

    /**
     * @return the content Mnemo's fields of {@code message} describe: a USER or SYSTEM message's text
     *         in the user's role, an ASSISTANT message's text and calls in the model's, a TOOL
     *         message's one function response (a result that is not a JSON object as {@code result})
     */
    static Content of(Message message) {
        List<Part> parts = new ArrayList<>();
        if (message.role() == Role.TOOL) {
            FunctionResponse.Builder response = FunctionResponse.builder().id(message.toolCallId())
                    .response(object(message.content(), "result"));
            if (message.name() != null) {
                response.name(message.name());
            }
            Part part = Part.builder().functionResponse(response.build()).build();
            return Content.builder().role(USER).parts(part).build();
        }
        if (!message.content().isEmpty()) {
            parts.add(Part.fromText(message.content()));
        }
        for (ToolCall call : message.toolCalls()) {
            parts.add(Part.builder().functionCall(FunctionCall.builder().id(call.id()).name(call.name())
                    .args(object(call.arguments(), "value")).build()).build());
        }
        return Content.builder().role(message.role() == Role.ASSISTANT ? MODEL : USER).parts(parts).build();
    }

    /** @return {@code json} as a map when it is a JSON object, else a map of {@code key} to its value (or text) */
    private static Map<String, Object> object(String json, String key) {
        try {
            JsonNode node = JSON.readTree(json);
            if (node != null && node.isObject()) {
                return JSON.convertValue(node, OBJECT);
            }
            Map<String, Object> wrapped = new LinkedHashMap<>();
            wrapped.put(key, node == null || node.isMissingNode() ? json : JSON.convertValue(node, Object.class));
            return wrapped;
        } catch (JsonProcessingException e) {
            return new LinkedHashMap<>(Map.of(key, json));
        }
    }

    static String write(Object value) {
        return JsonBaseModel.toJsonString(value);
    }
}
