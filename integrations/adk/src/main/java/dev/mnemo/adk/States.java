package dev.mnemo.adk;

import dev.mnemo.State;
import dev.mnemo.StateDelta;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;

/**
 * ADK session state and Mnemo state. The key prefixes are the same in both, so keys pass as they
 * are: none is the session's, {@code user:} the user's, {@code app:} the app's (Mnemo's namespace),
 * {@code temp:} this process's, never written to a tier. ADK marks a removed key with
 * {@link com.google.adk.sessions.State#REMOVED} (or {@code null}); Mnemo removes it.
 */
final class States {

    private States() {
    }

    /** @return the Mnemo delta of an ADK state delta, or of a new session's initial state */
    static StateDelta delta(@Nullable Map<String, Object> adkDelta) {
        StateDelta.Builder delta = StateDelta.builder();
        if (adkDelta != null) {
            adkDelta.forEach((key, value) -> {
                if (removes(value)) {
                    delta.remove(key);
                } else {
                    delta.set(key, value);
                }
            });
        }
        return delta.build();
    }

    /** Applies an ADK state delta to a session's state in memory, every key, as ADK's own service does. */
    static void apply(Map<String, Object> sessionState, Map<String, Object> adkDelta) {
        adkDelta.forEach((key, value) -> {
            if (removes(value)) {
                sessionState.remove(key);
            } else {
                sessionState.put(key, value);
            }
        });
    }

    /** @return the state as an ADK session holds it; a JSON null value is no value in ADK */
    static ConcurrentMap<String, Object> toAdk(State state) {
        ConcurrentMap<String, Object> values = new ConcurrentHashMap<>();
        state.values().forEach((key, value) -> {
            if (value != null) {
                values.put(key, value);
            }
        });
        return values;
    }

    private static boolean removes(@Nullable Object value) {
        return value == null || value == com.google.adk.sessions.State.REMOVED;
    }
}
