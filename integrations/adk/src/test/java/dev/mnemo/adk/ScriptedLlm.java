package dev.mnemo.adk;

import com.google.adk.models.BaseLlm;
import com.google.adk.models.BaseLlmConnection;
import com.google.adk.models.LlmRequest;
import com.google.adk.models.LlmResponse;
import com.google.genai.types.Content;
import com.google.genai.types.Part;
import io.reactivex.rxjava3.core.Flowable;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/** A model that answers from a script, in order, and keeps every request it was sent. */
final class ScriptedLlm extends BaseLlm {

    final List<LlmRequest> requests = new CopyOnWriteArrayList<>();
    private final Deque<LlmResponse> script;

    ScriptedLlm(LlmResponse... script) {
        super("scripted");
        this.script = new ArrayDeque<>(Arrays.asList(script));
    }

    /** @return a response that calls a tool, without a call id: ADK gives it one, as with Gemini */
    static LlmResponse callTool(String name, Map<String, Object> args) {
        return LlmResponse.builder().content(Content.builder().role("model")
                .parts(Part.fromFunctionCall(name, args)).build()).build();
    }

    static LlmResponse answer(String text) {
        return LlmResponse.builder().content(Content.builder().role("model").parts(Part.fromText(text)).build())
                .build();
    }

    @Override
    public synchronized Flowable<LlmResponse> generateContent(LlmRequest request, boolean stream) {
        requests.add(request);
        LlmResponse next = script.poll();
        return next == null ? Flowable.error(new IllegalStateException("The script has no answer left"))
                : Flowable.just(next);
    }

    @Override
    public BaseLlmConnection connect(LlmRequest request) {
        throw new UnsupportedOperationException("The scripted model does not stream");
    }

    /** @return each content of a request on one line: {@code role: text}, {@code role: call name args}... */
    static List<String> lines(LlmRequest request) {
        return request.contents().stream().map(content -> content.role().orElse("?") + ": "
                + content.parts().orElse(List.of()).stream().map(ScriptedLlm::line).collect(Collectors.joining(" | ")))
                .toList();
    }

    private static String line(Part part) {
        if (part.functionCall().isPresent()) {
            return "call " + part.functionCall().get().name().orElse("") + " "
                    + new TreeMap<>(part.functionCall().get().args().orElse(Map.of()));
        }
        if (part.functionResponse().isPresent()) {
            return "response " + part.functionResponse().get().name().orElse("") + " "
                    + new TreeMap<>(part.functionResponse().get().response().orElse(Map.of()));
        }
        return part.text().orElse("");
    }
}
