package dev.mnemo;

import dev.mnemo.spi.support.Limits;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A change to a session's {@link State}: keys to set and keys to remove. A nested value is
 * replaced whole, never merged. Values are normalised to plain JSON types when the delta is built.
 *
 * @param updates  the keys to set, with their new values
 * @param removals the keys to remove
 */
public record StateDelta(Map<String, Object> updates, Set<String> removals) {

    /** The longest state key accepted, in characters. */
    public static final int MAX_KEY_LENGTH = 256;

    /** Checks every key and copies both parts. */
    public StateDelta {
        updates = Collections.unmodifiableMap(new LinkedHashMap<>(updates));
        removals = Collections.unmodifiableSet(new LinkedHashSet<>(removals));
        updates.keySet().forEach(StateDelta::checkKey);
        removals.forEach(StateDelta::checkKey);
        for (String key : removals) {
            if (updates.containsKey(key)) {
                throw new InvalidInputException("State key '" + key + "' is both set and removed in one delta");
            }
        }
    }

    /** @return a builder of an empty delta */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a delta that sets one key */
    public static StateDelta set(String key, Object value) {
        return builder().set(key, value).build();
    }

    /** @return true when the delta changes nothing */
    public boolean isEmpty() {
        return updates.isEmpty() && removals.isEmpty();
    }

    /** @return the part of this delta whose keys select {@code scope} */
    public StateDelta scope(StateScope scope) {
        return filter(keyScope -> keyScope == scope);
    }

    /** @return this delta without its {@code temp:} keys: what a tier may store */
    public StateDelta persistent() {
        return filter(keyScope -> keyScope != StateScope.TEMP);
    }

    private StateDelta filter(Predicate<StateScope> keep) {
        Builder part = builder();
        updates.forEach((key, value) -> {
            if (keep.test(StateScope.of(key))) {
                part.updates.put(key, value);
            }
        });
        removals.stream().filter(key -> keep.test(StateScope.of(key))).forEach(part.removals::add);
        return part.build();
    }

    private static void checkKey(String key) {
        if (key == null || key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            throw new InvalidInputException("Invalid state key '" + key + "': expected 1-" + MAX_KEY_LENGTH + " characters");
        }
    }

    /** Collects the keys of a {@link StateDelta}. */
    public static final class Builder {
        private final Map<String, Object> updates = new LinkedHashMap<>();
        private final Set<String> removals = new LinkedHashSet<>();

        private Builder() {
        }

        /**
         * @param key   the key, with its scope prefix
         * @param value a JSON-compatible value or any object Jackson can convert to one
         * @return this builder
         * @throws InvalidInputException when the value cannot be represented as JSON
         */
        public Builder set(String key, Object value) {
            Limits.requireText("State key", Objects.requireNonNull(key, "key"));
            removals.remove(key);
            updates.put(key, Limits.requireJson("State value of " + Limits.quote(key), value));
            return this;
        }

        /** @param key the key to remove; @return this builder */
        public Builder remove(String key) {
            Limits.requireText("State key", Objects.requireNonNull(key, "key"));
            updates.remove(key);
            removals.add(key);
            return this;
        }

        /** @return the delta */
        public StateDelta build() {
            return new StateDelta(updates, removals);
        }
    }
}
