package dev.mnemo;

import dev.mnemo.spi.support.Ids;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The id of a chat session: 1 to {@value #MAX_LENGTH} characters of {@code [A-Za-z0-9._:-]},
 * so that it is safe in every Redis key and Firestore path.
 *
 * @param value the id
 */
public record SessionId(String value) {

    /** The longest session id accepted, in characters. */
    public static final int MAX_LENGTH = 128;
    /** Bits of randomness in a {@link #random()} id: as many as a random UUID's 122, and more. */
    private static final int RANDOM_BYTES = 16;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder URL_SAFE = Base64.getUrlEncoder().withoutPadding();

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

    /**
     * Mints an id for a caller that has none, such as a chat opened by an anonymous visitor: 128 bits
     * from {@link SecureRandom}, so that one session's id tells nothing about another's and cannot be
     * guessed, as 22 characters of URL-safe base64 without padding ({@code [A-Za-z0-9_-]}).
     *
     * @return a new, unguessable id
     */
    public static SessionId random() {
        byte[] bytes = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(bytes);
        return new SessionId(URL_SAFE.encodeToString(bytes));
    }

    @Override
    public String toString() {
        return value;
    }
}
