package dev.mnemo.examples.adk;

import com.google.adk.models.BaseLlm;
import com.google.adk.models.BaseLlmConnection;
import com.google.adk.models.LlmRequest;
import com.google.adk.models.LlmResponse;
import com.google.genai.types.Content;
import com.google.genai.types.FunctionResponse;
import com.google.genai.types.Part;
import io.reactivex.rxjava3.core.Flowable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A model that runs offline: it reads the request ADK built (the instruction with the user's state
 * filled in, and the conversation ADK loaded from the session) and answers as an LLM would. In a
 * real agent this is {@code Gemini} or any other {@link BaseLlm}; nothing else changes.
 */
final class WeatherModel extends BaseLlm {

    private static final Pattern CITY = Pattern.compile("weather in (\\p{L}+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern LAST_CITY = Pattern.compile("Last city: (\\p{L}+)");

    WeatherModel() {
        super("scripted-weather-model");
    }

    @Override
    public Flowable<LlmResponse> generateContent(LlmRequest request, boolean stream) {
        List<Content> contents = request.contents();
        Content last = contents.get(contents.size() - 1);
        Optional<FunctionResponse> result = parts(last).stream()
                .flatMap(part -> part.functionResponse().stream()).findFirst();
        if (result.isPresent()) {
            Map<String, Object> weather = result.get().response().orElse(Map.of());
            return answer("It is " + weather.get("temperature") + " °C and " + weather.get("sky") + " in "
                    + weather.get("city") + ".");
        }
        String question = text(last);
        Matcher city = CITY.matcher(question);
        if (city.find()) {
            return Flowable.just(LlmResponse.builder().content(Content.builder().role("model")
                    .parts(Part.fromFunctionCall("get_weather", Map.of("city", city.group(1)))).build()).build());
        }
        if (question.contains("what did I ask")) {
            String first = contents.stream().filter(content -> content.role().orElse("").equals("user"))
                    .map(WeatherModel::text).filter(text -> !text.isEmpty()).findFirst().orElse("nothing");
            return answer("You asked: \"" + first + "\"");
        }
        Matcher remembered = LAST_CITY.matcher(request.getFirstSystemInstruction().orElse(""));
        return answer(remembered.find() ? "Welcome back! Last time you asked about " + remembered.group(1) + "."
                : "Hello! Ask me about the weather anywhere.");
    }

    private static Flowable<LlmResponse> answer(String text) {
        return Flowable.just(LlmResponse.builder().content(Content.builder().role("model")
                .parts(Part.fromText(text)).build()).build());
    }

    private static List<Part> parts(Content content) {
        return content.parts().orElse(List.of());
    }

    private static String text(Content content) {
        return parts(content).stream().map(part -> part.text().orElse("")).reduce("", String::concat);
    }

    @Override
    public BaseLlmConnection connect(LlmRequest request) {
        throw new UnsupportedOperationException("This model does not stream");
    }
}
