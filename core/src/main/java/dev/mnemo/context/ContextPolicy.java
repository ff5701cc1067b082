package dev.mnemo.context;

import dev.mnemo.Message;
import dev.mnemo.Summary;
import java.util.List;
import java.util.Optional;

/**
 * Chooses which of a session's latest messages go to the LLM. A policy reads at most
 * {@link #window()} messages from the store, so a context read costs O(k), whatever the
 * transcript's length.
 */
public interface ContextPolicy {

    /** The window of {@link #lastMessages(int)} when none is given: 20 messages. */
    int DEFAULT_WINDOW = 20;

    /** @return how many of the latest messages the policy needs to read, at least 1 */
    int window();

    /**
     * @param summary the session's rolling summary, if any
     * @param latest  the last {@link #window()} messages, oldest first
     * @return the messages to send, oldest first
     */
    List<Message> select(Optional<Summary> summary, List<Message> latest);

    /**
     * The sliding window: the last {@code n} messages.
     *
     * @param n how many, at least 1
     * @return the policy
     */
    static ContextPolicy lastMessages(int n) {
        return new SlidingWindow(n);
    }
}
