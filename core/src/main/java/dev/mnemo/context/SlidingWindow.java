package dev.mnemo.context;

import dev.mnemo.InvalidInputException;
import dev.mnemo.Message;
import java.util.List;

/** The last {@code n} messages; see {@link ContextPolicy#lastMessages(int)}. */
record SlidingWindow(int window) implements ContextPolicy {

    SlidingWindow {
        if (window < 1) {
            throw new InvalidInputException("Sliding window must hold at least 1 message, was " + window);
        }
    }

    @Override
    public ContextDraft apply(ContextDraft draft) {
        List<Message> latest = draft.messages();
        return draft.withMessages(ToolGroups.withoutOrphans(latest.subList(Math.max(0, latest.size() - window),
                latest.size())));
    }
}
