package dev.mnemo.spi;

import dev.mnemo.Message;
import dev.mnemo.Session;
import dev.mnemo.Summary;
import java.util.List;
import java.util.Optional;

/**
 * What a context read needs from one tier: the session with its counters, its summary, and
 * its latest messages, oldest first.
 *
 * @param session  the session
 * @param summary  its rolling summary, if any
 * @param messages the last k messages in id order
 */
public record Window(Session session, Optional<Summary> summary, List<Message> messages) {

    /** Copies the list. */
    public Window {
        messages = List.copyOf(messages);
    }
}
