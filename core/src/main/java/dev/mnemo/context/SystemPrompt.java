package dev.mnemo.context;

import dev.mnemo.CorruptDataException;
import dev.mnemo.InvalidInputException;
import dev.mnemo.JsonCodec;
import dev.mnemo.Message;
import dev.mnemo.Role;
import dev.mnemo.State;
import dev.mnemo.StateDelta;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;

/**
 * The session's system prompt, pinned in its state so that a context can keep it when it is
 * far older than the window, for the price of one state read (O(1) in the transcript's length).
 *
 * <p>Why state and not "read the first message": a windowed hot tier no longer holds the first
 * message of a long session, so reading it would depend on which tier serves; the state lives in
 * every tier alike. The first SYSTEM message appended to a session is pinned under
 * {@link #STATE_KEY} (session scope) when its append completes; later SYSTEM messages are
 * ordinary messages. The key shows in {@code Mnemo.state(...)}; keys starting with
 * {@code mnemo:} are Mnemo's own and should not be written by callers. Two appends racing to
 * pin the first prompt of one session may pin either.
 */
public final class SystemPrompt {

    /** The state key the prompt is pinned under. */
    public static final String STATE_KEY = "mnemo:system-prompt";

    /** Prompts decoded lately, by their stored form: a session's every context read meets the same one. */
    private static final Map<Object, Message> DECODED = new ConcurrentHashMap<>();
    private static final int DECODED_CAPACITY = 1024;

    private SystemPrompt() {
    }

    /**
     * @param state a session's state
     * @return its pinned system prompt, if any
     * @throws CorruptDataException naming the key when the stored value is not a message
     */
    public static Optional<Message> in(State state) {
        Optional<Object> stored = state.get(STATE_KEY);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        Message known = DECODED.get(stored.get());
        if (known != null) {
            return Optional.of(known);
        }
        try {
            Message prompt = JsonCodec.convert(stored.get(), Message.class);
            if (DECODED.size() >= DECODED_CAPACITY) {
                DECODED.clear();
            }
            DECODED.put(stored.get(), prompt);
            return Optional.of(prompt);
        } catch (InvalidInputException e) {
            throw new CorruptDataException("state key " + STATE_KEY, "not a system prompt: " + e.getMessage(), e);
        }
    }

    /** @return the first SYSTEM message of {@code messages}, if any: the one to pin */
    public static Optional<Message> firstIn(List<Message> messages) {
        return messages.stream().filter(message -> message.role() == Role.SYSTEM).findFirst();
    }

    /** @return the delta that pins {@code prompt} */
    public static StateDelta pin(Message prompt) {
        if (prompt.role() != Role.SYSTEM) {
            throw new InvalidInputException("Only a SYSTEM message can be pinned as the system prompt, not " + prompt.role());
        }
        return StateDelta.set(STATE_KEY, prompt);
    }
}
