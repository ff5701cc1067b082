package dev.mnemo.spi;

import java.util.Objects;

/**
 * What a tier answers for a turn ({@link MemoryStore#turn}): the append's outcome and the window
 * read right after it, which holds the messages just appended.
 *
 * @param appended what the append stored
 * @param window   the session's window afterwards
 */
public record Turn(AppendOutcome appended, Window window) {

    /** Checks both are given. */
    public Turn {
        Objects.requireNonNull(appended, "appended");
        Objects.requireNonNull(window, "window");
    }
}
