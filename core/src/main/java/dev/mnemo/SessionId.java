package dev.mnemo;

import dev.mnemo.spi.support.Ids;

/**
 * The id of a chat session: 1 to {@value #MAX_LENGTH} characters of {@code [A-Za-z0-9._:-]},
 * so that it is safe in every Redis key and Firestore path.
 *
 * @param value the id
 */
public record SessionId(String value) {

    /** The longest session id accepted, in characters. */
    public static final int MAX_LENGTH = 128;

    /** @throws InvalidInputException naming the bad value */
    public SessionId {
        Ids.check("session id", value, MAX_LENGTH);
    }

    /**
     * @param value the id
     * @return the validated id
     * @throws InvalidInputException naming the bad value
     */
    public static SessionId of(String value) {
        return new SessionId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
