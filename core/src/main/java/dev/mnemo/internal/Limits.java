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

    /**
     * Versions only move forward; a copy between tiers may skip versions, so any later one is accepted.
     *
     * @throws InvalidInputException when {@code summary}'s version is not above {@code expectedVersion}
     */
    public static void requireLaterVersion(long expectedVersion, Summary summary) {
        if (expectedVersion < 0 || summary.version() <= expectedVersion) {
            throw new InvalidInputException("Summary version must be above " + expectedVersion
                    + " to replace it, was " + summary.version());
        }
    }
}
