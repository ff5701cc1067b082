package dev.mnemo.context;

import dev.mnemo.CorruptDataException;
import dev.mnemo.InvalidInputException;
import dev.mnemo.State;
import dev.mnemo.StateDelta;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps an agent's pending tool calls in the session's state, one key per call
 * ({@value #KEY_PREFIX}{@code <call id>}, session scope), so that adding or resolving one call
 * never rewrites another and two processes cannot lose each other's calls. The helpers build
 * {@link StateDelta}s and read {@link State}s; the caller writes and reads them with
 * {@code Mnemo.updateState} and {@code Mnemo.state}, so they combine with its own keys in one write.
 *
 * <pre>{@code
 * memory.updateState(id, PendingToolCalls.add(new PendingToolCall(call, "needs confirmation", Instant.now())));
 * // ... the run returns; a later run of the same session:
 * for (PendingToolCall pending : PendingToolCalls.in(memory.state(id))) { ... }
 * memory.updateState(id, PendingToolCalls.resolve(call.id()));
 * }</pre>
 */
public final class PendingToolCalls {

    /** The prefix of the state key of each pending call. */
    public static final String KEY_PREFIX = "mnemo:pending-tool-call:";

    private PendingToolCalls() {
    }

    /** @return the delta that records {@code calls} as pending */
    public static StateDelta add(PendingToolCall... calls) {
        StateDelta.Builder delta = StateDelta.builder();
        for (PendingToolCall call : calls) {
            delta.set(key(call.call().id()), call);
        }
        return delta.build();
    }

    /** @return the delta that removes the calls of {@code callIds} from the pending ones */
    public static StateDelta resolve(String... callIds) {
        StateDelta.Builder delta = StateDelta.builder();
        for (String callId : callIds) {
            delta.remove(key(callId));
        }
        return delta.build();
    }

    /**
     * @param state a session's state
     * @return its pending calls, longest waiting first
     * @throws InvalidInputException naming the key of a stored value that is not a pending call
     */
    public static List<PendingToolCall> in(State state) {
        List<PendingToolCall> pending = new ArrayList<>();
        for (Map.Entry<String, Object> entry : state.values().entrySet()) {
            if (entry.getKey().startsWith(KEY_PREFIX)) {
                pending.add(read(state, entry.getKey()));
            }
        }
        pending.sort(Comparator.comparing(PendingToolCall::since).thenComparing(p -> p.call().id()));
        return pending;
    }

    /** @return the pending call of {@code callId} in {@code state}, if there is one */
    public static Optional<PendingToolCall> find(State state, String callId) {
        String key = key(callId);
        return state.get(key).isPresent() ? Optional.of(read(state, key)) : Optional.empty();
    }

    /**
     * @param callId a tool call id
     * @return the state key of its pending entry
     * @throws InvalidInputException when the id makes a key longer than {@link StateDelta#MAX_KEY_LENGTH}
     */
    public static String key(String callId) {
        if (callId == null || callId.isBlank() || KEY_PREFIX.length() + callId.length() > StateDelta.MAX_KEY_LENGTH) {
            throw new InvalidInputException("Tool call id '" + callId + "' cannot be kept pending: expected 1-"
                    + (StateDelta.MAX_KEY_LENGTH - KEY_PREFIX.length()) + " characters");
        }
        return KEY_PREFIX + callId;
    }

    private static PendingToolCall read(State state, String key) {
        try {
            return state.get(key, PendingToolCall.class).orElseThrow();
        } catch (InvalidInputException e) {
            throw new CorruptDataException("state key " + key, "not a pending tool call: " + e.getMessage(), e);
        }
    }
}
