package dev.mnemo.examples.adk;

import com.google.adk.tools.Annotations.Schema;
import com.google.adk.tools.FunctionTool;
import com.google.adk.tools.ToolContext;
import java.util.Map;

/** The agent's tool: a fixed forecast, and the city saved in the user's state for their next session. */
public final class WeatherTool {

    private static final Map<String, Integer> TEMPERATURES = Map.of("Lisbon", 23, "Oslo", -2, "Paris", 17);

    private WeatherTool() {
    }

    static FunctionTool tool() {
        return FunctionTool.create(WeatherTool.class, "getWeather");
    }

    /**
     * @param city        the city
     * @param toolContext ADK's context of the call: its state changes become the event's state delta
     * @return the weather in the city
     */
    @Schema(name = "get_weather", description = "The current weather in a city")
    public static Map<String, Object> getWeather(@Schema(name = "city", description = "the city") String city,
                                                 @Schema(name = "toolContext") ToolContext toolContext) {
        toolContext.state().put("user:last_city", city);
        return Map.of("city", city, "temperature", TEMPERATURES.getOrDefault(city, 20), "sky", "clear");
    }
}
