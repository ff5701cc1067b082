package dev.mnemo.spi;

import dev.mnemo.InvalidInputException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the values of declared {@link ConfigKey}s from a {@link StoreConfig}, collecting every bad
 * value instead of stopping at the first; {@link #validate()} then reports them all at once. A key
 * that is unset or blank has its default.
 */
public final class ConfigReader {

    private final StoreConfig config;
    private final List<String> problems = new ArrayList<>();

    ConfigReader(StoreConfig config) {
        this.config = config;
    }

    /**
     * @return the value of {@code key}, or its default when it is unset, blank or bad (a bad value is
     *         recorded for {@link #validate()})
     */
    public <T> T get(ConfigKey<T> key) {
        String raw = config.get(key.name());
        if (raw == null || raw.isBlank()) {
            return key.defaultValue();
        }
        try {
            return key.parse(raw);
        } catch (IllegalArgumentException e) {
            problems.add(key.name() + " " + e.getMessage());
            return key.defaultValue();
        }
    }

    /** @return whether {@code key} is set to a value that is not blank */
    public boolean isSet(ConfigKey<?> key) {
        String raw = config.get(key.name());
        return raw != null && !raw.isBlank();
    }

    /**
     * Records a problem found by the caller, such as two values that do not fit together.
     *
     * @param key     the key at fault
     * @param message what is wrong
     */
    public void reject(ConfigKey<?> key, String message) {
        problems.add(key.name() + ": " + message);
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
}
