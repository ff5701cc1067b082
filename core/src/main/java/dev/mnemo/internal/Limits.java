package dev.mnemo.internal;

import dev.mnemo.InvalidInputException;
import dev.mnemo.Message;
import dev.mnemo.Summary;
import dev.mnemo.spi.SessionRef;
import java.util.List;

/** The argument checks every tier makes the same way, so each reports bad input alike. */
public final class Limits {

    private Limits() {
    }

    /** @throws InvalidInputException when {@code value} is under 1 */
    public static void requirePositive(String what, int value) {
        if (value < 1) {
            throw new InvalidInputException(what + " must be at least 1, was " + value);
        }
    }

    /** @throws InvalidInputException when the batch is empty or holds a null */
    public static void requireMessages(SessionRef ref, List<Message> messages) {
        if (messages == null || messages.isEmpty() || messages.stream().anyMatch(java.util.Objects::isNull)) {
            throw new InvalidInputException("Nothing to append to session " + ref + ": the batch is empty or holds null");
        }
    }

    /** @throws InvalidInputException when {@code summary} is not the version after {@code expectedVersion} */
    public static void requireNextVersion(long expectedVersion, Summary summary) {
        if (expectedVersion < 0 || summary.version() != expectedVersion + 1) {
            throw new InvalidInputException("Summary version must be " + (expectedVersion + 1) + " to replace version "
                    + expectedVersion + ", was " + summary.version());
        }
    }
}
