package dev.mnemo.spi;

import dev.mnemo.Message;
import dev.mnemo.Session;
import dev.mnemo.State;
import dev.mnemo.Summary;
import java.util.List;
import java.util.Optional;

/**
 * What a context read needs from one tier: the session with its counters, its summary, its
 * latest messages, oldest first, and its state when the read asked for it.
 *
 * @param session  the session
 * @param summary  its rolling summary, if any
 * @param messages the last k messages in id order
 * @param state    the session's state (all scopes but {@code temp:}), when the read asked for it
 */
public record Window(Session session, Optional<Summary> summary, List<Message> messages, Optional<State> state) {

    /** Copies the list. */
    public Window {
        messages = List.copyOf(messages);
    }

    /** @return this window with {@code others} as its messages */
    public Window withMessages(List<Message> others) {
        return new Window(session, summary, others, state);
    }
}
