package dev.mnemo.spi;

import dev.mnemo.Message;
import dev.mnemo.Summary;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Turns an old summary plus the messages after it into a new summary text. The LLM call, if
 * any, is the implementation's; Mnemo runs it off the append path and stores the result by
 * compare-and-set.
 */
@FunctionalInterface
public interface Summarizer {

    /**
     * @param previous    the current summary, if any
     * @param newMessages the messages after {@code previous.coversUpTo()}, oldest first, never empty
     * @return the new summary's text
     */
    CompletionStage<String> summarize(Optional<Summary> previous, List<Message> newMessages);
}
