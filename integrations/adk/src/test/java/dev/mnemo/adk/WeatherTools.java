package dev.mnemo.adk;

import com.google.adk.tools.Annotations.Schema;
import com.google.adk.tools.FunctionTool;
import com.google.adk.tools.ToolContext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** The agent's tool: it answers with a fixed temperature and writes state in every scope. */
public final class WeatherTools {

    static final List<String> CITIES = new CopyOnWriteArrayList<>();

    private WeatherTools() {
    }

    static FunctionTool tool() {
        return FunctionTool.create(WeatherTools.class, "getWeather");
    }

    /**
     * @return the weather in the city
     */
    @Schema(name = "get_weather", description = "The current weather in a city")
    public static Map<String, Object> getWeather(@Schema(name = "city", description = "the city") String city,
                                                 @Schema(name = "toolContext") ToolContext toolContext) {
        CITIES.add(city);
        Object calls = toolContext.state().getOrDefault("app:weather_calls", 0);
        toolContext.state().put("app:weather_calls", ((Number) calls).intValue() + 1);
        toolContext.state().put("user:last_city", city);
        toolContext.state().put("temp:raw_reading", "21.0C");
        toolContext.state().put("last_lookup", Map.of("city", city, "ok", true));
        return Map.of("city", city, "temperature", 21, "unit", "C");
    }
}
