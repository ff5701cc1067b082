package dev.mnemo;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A session's core memory: JSON-compatible values (null, Boolean, Number, String, List, Map)
 * by key, the keys of every {@link StateScope} together, each with its prefix.
 *
 * @param values the values by key, unmodifiable
 */
public record State(Map<String, Object> values) {

    /** The state with no values. */
    public static final State EMPTY = new State(Map.of());

    /** Copies the values. */
    public State {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** @return the value of {@code key}, if set */
    public Optional<Object> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /**
     * @param key  the key
     * @param type the type to convert the JSON value to
     * @return the value of {@code key} converted to {@code type}, if set
     */
    public <T> Optional<T> get(String key, Class<T> type) {
        return get(key).map(value -> JsonCodec.convert(value, type));
    }

    /** @return this state with {@code delta} applied */
    public State apply(StateDelta delta) {
        Map<String, Object> next = new LinkedHashMap<>(values);
        delta.removals().forEach(next::remove);
        next.putAll(delta.updates());
        return new State(next);
    }

    /** @return this state with every value of {@code other} added, {@code other}'s winning on a shared key */
    public State merge(State other) {
        Map<String, Object> next = new LinkedHashMap<>(values);
        next.putAll(other.values);
        return new State(next);
    }

    /** @return only the values whose key selects {@code scope} */
    public State scope(StateScope scope) {
        Map<String, Object> selected = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            if (StateScope.of(key) == scope) {
                selected.put(key, value);
            }
        });
        return new State(selected);
    }
}
