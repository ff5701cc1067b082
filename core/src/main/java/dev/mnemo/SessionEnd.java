package dev.mnemo;

import dev.mnemo.spi.support.Limits;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Why a session ended and who ended it, as {@link Mnemo#endSession(SessionId, String, String)} records
 * it and {@link Session#end()} reads it back from every tier.
 *
 * @param reason  why, such as {@value #COMPLETED} (the default of {@link Mnemo#endSession(SessionId)}),
 *                {@value #IDLE} (ended by a sweep) or the caller's own word; 1 to {@value #MAX_LENGTH} characters
 * @param endedBy who: an agent or user id, {@value #SWEEP} for the idle sweep, or {@code null} when not said;
 *                at most {@value #MAX_LENGTH} characters
 */
public record SessionEnd(String reason, @Nullable String endedBy) {

    /** The longest reason or ended-by accepted. */
    public static final int MAX_LENGTH = 256;
    /** The reason of an end the caller gave none for. */
    public static final String COMPLETED = "completed";
    /** The reason of an end by the idle sweep. */
    public static final String IDLE = "idle";
    /** Who ended a session the idle sweep ended. */
    public static final String SWEEP = "sweep";
    /** An end with reason {@value #COMPLETED} by nobody in particular. */
    public static final SessionEnd DEFAULT = new SessionEnd(COMPLETED, null);

    /** Checks both parts; a bad one is an {@link InvalidInputException} naming it. */
    public SessionEnd {
        Objects.requireNonNull(reason, "reason");
        if (reason.isBlank() || reason.length() > MAX_LENGTH) {
            throw new InvalidInputException("An end reason has 1 to " + MAX_LENGTH + " characters, not blank; got "
                    + Limits.quote(reason));
        }
        if (endedBy != null && (endedBy.isEmpty() || endedBy.length() > MAX_LENGTH)) {
            throw new InvalidInputException("endedBy has 1 to " + MAX_LENGTH + " characters; got " + Limits.quote(endedBy));
        }
    }
}
