package dev.mnemo.spi;

import dev.mnemo.InvalidInputException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One configuration key, declared once by the module that reads it: its full name, its type, its
 * default, the values it takes and one line of documentation. Parsing ({@link ConfigReader#get}),
 * the checks of a builder ({@link #require}), the refusal of unknown keys, Spring Boot's
 * configuration metadata and the README's key table all come from this declaration; a module lists
 * its keys in its {@link ConfigKeys}.
 *
 * <p>A name may hold the segment {@value #TIER}, standing for any tier's name
 * ({@code mnemo.<tier>.resilience.timeout} is {@code mnemo.redis.resilience.timeout} for Redis);
 * {@link #forTier} gives the key of one tier.
 *
 * <p>Durations are written as a number with a unit ({@code 250ms}, {@code 5s}, {@code 10m},
 * {@code 2h}, {@code 1d}) or in ISO-8601 ({@code PT2H}); lists comma-separated.
 *
 * @param <T> the value's type
 */
public final class ConfigKey<T> {

    /** The name segment that stands for any tier's name. */
    public static final String TIER = "<tier>";

    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
    private static final Pattern NAME = Pattern.compile("mnemo(\\.([a-z0-9]+(-[a-z0-9]+)*|<tier>))+");

    private final String name;
    private final String type;
    private final String javaType;
    private final @Nullable T defaultValue;
    private final String defaultText;
    private final String description;
    private final Function<String, T> parser;
    private final String expected;
    private final Function<? super T, @Nullable String> rule;
    private final boolean secret;

    private ConfigKey(String name, String type, String javaType, @Nullable T defaultValue, String defaultText,
                      String description, Function<String, T> parser, String expected,
                      Function<? super T, @Nullable String> rule, boolean secret) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("A key is mnemo. then lower-case dotted words with dashes: " + name);
        }
        this.name = name;
        this.type = type;
        this.javaType = javaType;
        this.defaultValue = defaultValue;
        this.defaultText = defaultText;
        this.description = Objects.requireNonNull(description, "description");
        this.parser = parser;
        this.expected = expected;
        this.rule = rule;
        this.secret = secret;
    }

    /**
     * @param defaultValue the value when unset, or {@code null} for none (the feature is off)
     * @return a text key
     */
    public static ConfigKey<String> string(String name, @Nullable String defaultValue, String description) {
        return new ConfigKey<>(name, "string", "java.lang.String", defaultValue, defaultValue == null ? "" : defaultValue,
                description, raw -> raw, "text", value -> null, false);
    }

    /** @return a whole-number key taking {@code min} to {@code max} */
    public static ConfigKey<Integer> integer(String name, int defaultValue, int min, int max, String description) {
        return new ConfigKey<>(name, "integer", "java.lang.Integer", defaultValue, Integer.toString(defaultValue),
                description, Integer::valueOf, "a whole number",
                value -> value < min || value > max ? "expected " + range(min, max) + ", was " + value : null, false);
    }

    /** @return a whole-number key taking {@code min} to {@code max} */
    public static ConfigKey<Long> longValue(String name, long defaultValue, long min, long max, String description) {
        return new ConfigKey<>(name, "integer", "java.lang.Long", defaultValue, Long.toString(defaultValue),
                description, Long::valueOf, "a whole number",
                value -> value < min || value > max ? "expected " + range(min, max) + ", was " + value : null, false);
    }

    /**
     * @param defaultValue the value when unset, or {@code null} for none
     * @param min          the shortest value taken
     * @return a duration key
     */
    public static ConfigKey<Duration> duration(String name, @Nullable Duration defaultValue, Duration min, String description) {
        return new ConfigKey<>(name, "duration", "java.time.Duration", defaultValue,
                defaultValue == null ? "" : text(defaultValue), description, ConfigKey::parseDuration,
                "a duration such as 500ms, 5s, 2h or PT2H",
                value -> value.compareTo(min) < 0 ? "expected at least " + text(min) + ", was " + text(value) : null, false);
    }

    /** @return a key taking {@code true} or {@code false} */
    public static ConfigKey<Boolean> bool(String name, boolean defaultValue, String description) {
        return new ConfigKey<>(name, "boolean", "java.lang.Boolean", defaultValue, Boolean.toString(defaultValue),
                description, raw -> switch (raw.toLowerCase(Locale.ROOT)) {
                    case "true" -> true;
                    case "false" -> false;
                    default -> throw new IllegalArgumentException(raw);
                }, "true or false", value -> null, false);
    }

    /** @return a key naming one of {@code type}'s constants, case-insensitive, {@code -} for {@code _} */
    public static <E extends Enum<E>> ConfigKey<E> enumValue(String name, E defaultValue, String description) {
        Class<E> type = defaultValue.getDeclaringClass();
        return new ConfigKey<>(name, "enum", "java.lang.String", defaultValue, text(defaultValue), description,
                raw -> Enum.valueOf(type, raw.toUpperCase(Locale.ROOT).replace('-', '_')),
                "one of " + String.join(", ", Arrays.stream(type.getEnumConstants()).map(ConfigKey::text).toList()),
                value -> null, false);
    }

    /** @return a key of comma-separated values, trimmed, blanks dropped */
    public static ConfigKey<List<String>> list(String name, List<String> defaultValue, String description) {
        return new ConfigKey<>(name, "list", "java.util.List<java.lang.String>", List.copyOf(defaultValue),
                String.join(",", defaultValue), description,
                raw -> Arrays.stream(raw.split(",")).map(String::trim).filter(part -> !part.isEmpty()).toList(),
                "comma-separated values", value -> null, false);
    }

    /**
     * @param check a further rule: the problem with a parsed value, or {@code null} when it is fine
     * @return this key with the rule added after its own
     */
    public ConfigKey<T> check(Function<? super T, @Nullable String> check) {
        Function<? super T, @Nullable String> first = rule;
        return new ConfigKey<>(name, type, javaType, defaultValue, defaultText, description, parser, expected,
                value -> {
                    String problem = first.apply(value);
                    return problem != null ? problem : check.apply(value);
                }, secret);
    }

    /** @return this key, whose values (a password in a URI) are never repeated in an error or a log */
    public ConfigKey<T> secret() {
        return new ConfigKey<>(name, type, javaType, defaultValue, defaultText, description, parser, expected, rule, true);
    }

    /** @return this key with {@code defaultText} shown as its default in the key table, for a default computed elsewhere */
    public ConfigKey<T> describedDefault(String defaultText) {
        return new ConfigKey<>(name, type, javaType, defaultValue, defaultText, description, parser, expected, rule, secret);
    }

    /**
     * @param otherName   the other key's name
     * @param description what it does
     * @param defaultText its default as the key table shows it
     * @return a key that takes the values this one does under another name, such as a per-tier twin
     */
    public ConfigKey<T> twin(String otherName, String description, String defaultText) {
        return new ConfigKey<>(otherName, type, javaType, defaultValue, defaultText, description, parser, expected, rule,
                secret);
    }

    /** @return the full dotted name, such as {@code mnemo.redis.uri} */
    public String name() {
        return name;
    }

    /** @return one line saying what the key does */
    public String description() {
        return description;
    }

    /** @return the value when the key is unset, or {@code null} when there is none */
    public @Nullable T defaultValue() {
        return defaultValue;
    }

    /** @return the default as the key table and Boot's metadata show it; empty when there is none */
    public String defaultText() {
        return defaultText;
    }

    /** @return the kind of value: {@code string}, {@code integer}, {@code duration}, {@code boolean}, {@code enum} or {@code list} */
    public String type() {
        return type;
    }

    /** @return the Java type Spring Boot's configuration metadata names */
    public String javaType() {
        return javaType;
    }

    /** @return whether the key's values are never shown */
    public boolean isSecret() {
        return secret;
    }

    /** @return whether the name holds {@value #TIER} */
    public boolean perTier() {
        return name.contains(TIER);
    }

    /** @return this key for one tier: {@value #TIER} replaced by {@code tier} */
    public ConfigKey<T> forTier(String tier) {
        return new ConfigKey<>(name.replace(TIER, tier), type, javaType, defaultValue, defaultText, description, parser,
                expected, rule, secret);
    }

    /** @return whether {@code key}, a dotted name, is this key (for any tier, when the name holds {@value #TIER}) */
    public boolean matches(String key) {
        if (!perTier()) {
            return name.equals(key);
        }
        String[] mine = name.split("\\.");
        String[] theirs = key.split("\\.");
        if (mine.length != theirs.length) {
            return false;
        }
        for (int i = 0; i < mine.length; i++) {
            if (!mine[i].equals(TIER) ? !mine[i].equals(theirs[i]) : !theirs[i].matches("[a-z0-9]+(-[a-z0-9]+)*")) {
                return false;
            }
        }
        return true;
    }

    /** @return the tier {@code key} names where this key's name holds {@value #TIER}; {@code key} must {@link #matches} */
    public String tierOf(String key) {
        String[] mine = name.split("\\.");
        String[] theirs = key.split("\\.");
        for (int i = 0; i < mine.length; i++) {
            if (mine[i].equals(TIER)) {
                return theirs[i];
            }
        }
        throw new IllegalArgumentException(name + " names no tier");
    }

    /** @return the environment variable of this key: upper case, dots and dashes as underscores */
    public String environmentName() {
        return name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /**
     * @param raw the value as written
     * @return the parsed value
     * @throws IllegalArgumentException saying what was expected, without the value when the key is secret
     */
    public T parse(String raw) {
        T value;
        try {
            value = parser.apply(raw.trim());
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new IllegalArgumentException((secret ? "" : "'" + raw.trim() + "': ") + "expected " + expected, e);
        }
        String problem = rule.apply(value);
        if (problem != null) {
            throw new IllegalArgumentException(secret ? "not a valid value" : problem);
        }
        return value;
    }

    /** @return what is wrong with {@code value}, or {@code null} when this key takes it */
    public @Nullable String problem(T value) {
        return value == null ? "expected a value, was null" : rule.apply(value);
    }

    /**
     * The check a settings builder runs on a value set in code.
     *
     * @return {@code value}
     * @throws InvalidInputException naming the key when it does not take {@code value}
     */
    public T require(T value) {
        String problem = problem(value);
        if (problem != null) {
            throw new InvalidInputException(name + ": " + (secret ? "not a valid value" : problem));
        }
        return value;
    }

    @Override
    public String toString() {
        return name;
    }

    private static String range(long min, long max) {
        return max == Integer.MAX_VALUE || max == Long.MAX_VALUE ? "at least " + min : min + " to " + max;
    }

    /** @return {@code duration} as a key takes it: {@code 500ms}, {@code 5s}, {@code 2m}, {@code 2h}, {@code 1d} */
    public static String text(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 86_400_000 == 0 && millis > 0) {
            return millis / 86_400_000 + "d";
        }
        if (millis % 3_600_000 == 0 && millis > 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis % 60_000 == 0 && millis > 0) {
            return millis / 60_000 + "m";
        }
        if (millis % 1_000 == 0) {
            return millis / 1_000 + "s";
        }
        return millis + "ms";
    }

    private static String text(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** @return the duration {@code raw} writes: a number and a unit, or ISO-8601 */
    public static Duration parseDuration(String raw) {
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
