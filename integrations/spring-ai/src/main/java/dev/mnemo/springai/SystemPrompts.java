package dev.mnemo.springai;

import dev.mnemo.Message;
import dev.mnemo.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The system messages of one batch, measured against the session's pinned prompt: a system
 * message equal to the prompt in force (text, name and metadata) is a repeat and is dropped, so
 * an advisor that adds the same prompt on every turn stores it once; a different one is kept and
 * becomes the prompt in force. Not thread-safe: one per batch.
 */
final class SystemPrompts {

    private Message current;
    private boolean changed;

    /** @param pinned the session's pinned prompt before the batch, if any */
    SystemPrompts(Optional<Message> pinned) {
        this.current = pinned.orElse(null);
    }

    /** @return {@code batch} without its repeated system messages, in order */
    List<Message> withoutRepeats(List<Message> batch) {
        List<Message> kept = new ArrayList<>(batch.size());
        for (Message message : batch) {
            if (message.role() != Role.SYSTEM) {
                kept.add(message);
            } else if (current == null || !sameText(current, message)) {
                kept.add(message);
                current = message;
                changed = true;
            }
        }
        return kept;
    }

    /**
     * @return the prompt to pin after the batch is stored: its last new system message, if it had
     *         one. Pinned explicitly because Mnemo pins only a session's first prompt.
     */
    Optional<Message> replaced() {
        return changed ? Optional.of(current) : Optional.empty();
    }

    private static boolean sameText(Message a, Message b) {
        return a.content().equals(b.content()) && Objects.equals(a.name(), b.name()) && a.metadata().equals(b.metadata());
    }
}
