package dev.mnemo.internal;

import dev.mnemo.spi.support.Stages;
import dev.mnemo.ConflictException;
import dev.mnemo.CorruptDataException;
import dev.mnemo.InvalidInputException;
import dev.mnemo.SessionNotFoundException;
import dev.mnemo.WriteRefusedException;

/**
 * Tells an outage (the tier could not answer) from an answer (the tier said no, refused a write
 * with {@link WriteRefusedException}, or holds data it cannot read). Only outages count against a
 * circuit breaker, are retried, and make the router turn to another tier.
 */
public final class Outages {

    private Outages() {
    }

    /** @return whether {@code error} means the tier did not answer, rather than answered no */
    public static boolean isOutage(Throwable error) {
        Throwable cause = Stages.unwrap(error);
        return !(cause instanceof InvalidInputException || cause instanceof SessionNotFoundException
                || cause instanceof ConflictException || cause instanceof CorruptDataException
                || cause instanceof WriteRefusedException);
    }

    /** @return whether {@code error} says the session does not exist in the tier */
    public static boolean isMissing(Throwable error) {
        return Stages.unwrap(error) instanceof SessionNotFoundException;
    }

    /** @return whether {@code error} says the tier holds data it cannot read back */
    public static boolean isCorrupt(Throwable error) {
        return Stages.unwrap(error) instanceof CorruptDataException;
    }
}
