package dev.mnemo.spi;

import dev.mnemo.InvalidInputException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads typed values with defaults below one prefix of a {@link StoreConfig}, collecting every
 * bad value instead of stopping at the first; {@link #validate()} then reports them all at once.
 *
 * <p>Durations are written as a number with a unit ({@code 250ms}, {@code 5s}, {@code 10m},
 * {@code 2h}, {@code 1d}) or in ISO-8601 ({@code PT2H}).
 */
public final class ConfigReader {

    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private final StoreConfig config;
    private final String prefix;
    private final List<String> problems = new ArrayList<>();

    ConfigReader(StoreConfig config, String prefix) {
        this.config = config;
        this.prefix = prefix;
    }

    /** @return the full key of {@code name} below this reader's prefix */
    public String key(String name) {
        return prefix + "." + name;
    }

    /** @return the value of {@code name}, or {@code defaultValue} when unset or blank */
    public String string(String name, String defaultValue) {
        String raw = config.get(key(name));
        return raw == null || raw.isBlank() ? defaultValue : raw.trim();
    }

    /** @return the integer value of {@code name}, at least {@code min}, or {@code defaultValue} */
    public int integer(String name, int defaultValue, int min) {
        return (int) longValue(name, defaultValue, min, Integer.MAX_VALUE);
    }

    /** @return the long value of {@code name} in {@code [min, max]}, or {@code defaultValue} */
    public long longValue(String name, long defaultValue, long min, long max) {
        Long value = parse(name, defaultValue, Long::parseLong, "a whole number");
        if (value < min || value > max) {
            return problem(name, value, "a number from " + min + " to " + max, defaultValue);
        }
        return value;
    }

    /** @return the duration value of {@code name}, at least {@code min}, or {@code defaultValue} */
    public Duration duration(String name, Duration defaultValue, Duration min) {
        Duration value = parse(name, defaultValue, ConfigReader::parseDuration, "a duration such as 500ms, 5s, 2h or PT2H");
        if (value.compareTo(min) < 0) {
            return problem(name, value, "a duration of at least " + min, defaultValue);
        }
        return value;
    }

    /** @return the boolean value of {@code name} ({@code true} or {@code false}), or {@code defaultValue} */
    public boolean bool(String name, boolean defaultValue) {
        return parse(name, defaultValue, raw -> switch (raw.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(raw);
        }, "true or false");
    }

    /** @return the enum constant named by {@code name}, case-insensitive, or {@code defaultValue} */
    public <E extends Enum<E>> E enumValue(String name, E defaultValue) {
        Class<E> type = defaultValue.getDeclaringClass();
        return parse(name, defaultValue, raw -> Enum.valueOf(type, raw.toUpperCase(Locale.ROOT).replace('-', '_')),
                "one of " + Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT));
    }

    /** @return the comma-separated values of {@code name}, trimmed, or {@code defaultValue} */
    public List<String> list(String name, List<String> defaultValue) {
        String raw = string(name, null);
        if (raw == null) {
            return defaultValue;
        }
        return Arrays.stream(raw.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /**
     * Records a problem found by the caller, such as two values that do not fit together.
     *
     * @param name    the key's name below the prefix
     * @param message what is wrong
     */
    public void reject(String name, String message) {
        problems.add(key(name) + ": " + message);
    }

    /** @return every problem found so far */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** @throws InvalidInputException listing every bad key at once, when there is any */
    public void validate() {
        if (!problems.isEmpty()) {
            throw InvalidInputException.of("configuration", problems);
        }
    }

    private <T> T parse(String name, T defaultValue, Function<String, T> parser, String expected) {
        String raw = string(name, null);
        if (raw == null) {
            return defaultValue;
        }
        try {
            return parser.apply(raw);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return problem(name, raw, expected, defaultValue);
        }
    }

    private <T> T problem(String name, Object value, String expected, T defaultValue) {
        problems.add(key(name) + " = '" + value + "': expected " + expected);
        return defaultValue;
    }

    static Duration parseDuration(String raw) {
        Matcher simple = SIMPLE_DURATION.matcher(raw.toLowerCase(Locale.ROOT));
        if (!simple.matches()) {
            return Duration.parse(raw);
        }
        long amount = Long.parseLong(simple.group(1));
        return switch (simple.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }
}
