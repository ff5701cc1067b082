package dev.mnemo;

import java.util.Objects;
import java.util.UUID;

/**
 * The rolling summary of a session: what the messages up to {@link #coversUpTo()} said.
 * Stores replace it only by compare-and-set on {@link #version()}, so a concurrent append or a
 * second summarizer never loses anything.
 *
 * @param text       the summary
 * @param coversUpTo the id of the last message the summary includes
 * @param tokens     the summary's token count
 * @param version    1 for the first summary, then one more for each replacement
 */
public record Summary(String text, UUID coversUpTo, int tokens, long version) {

    /** @throws InvalidInputException when a part is missing or out of range */
    public Summary {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(coversUpTo, "coversUpTo");
        if (tokens < 0 || version < 1) {
            throw new InvalidInputException("Summary needs tokens >= 0 and version >= 1, got " + tokens + " and " + version);
        }
    }
}
