package dev.mnemo.context;

import dev.mnemo.InvalidInputException;
import dev.mnemo.Message;
import dev.mnemo.Summary;
import java.util.List;
import java.util.Optional;

/** The last {@code n} messages; see {@link ContextPolicy#lastMessages(int)}. */
record SlidingWindow(int window) implements ContextPolicy {

    SlidingWindow {
        if (window < 1) {
            throw new InvalidInputException("Sliding window must hold at least 1 message, was " + window);
        }
    }

    @Override
    public List<Message> select(Optional<Summary> summary, List<Message> latest) {
        return latest.subList(Math.max(0, latest.size() - window), latest.size());
    }
}
