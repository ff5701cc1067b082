package dev.mnemo.spi.support;

import dev.mnemo.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Validation of every identifier that ends up in a Redis key or a Firestore path, and the safe
 * form of an identifier that comes from elsewhere (a framework's conversation id, a user's e-mail).
 */
public final class Ids {

    /** How many characters of an id that must be digested are kept, readable, before the digest: {@value}. */
    public static final int READABLE_PREFIX = 40;

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]+");
    private static final Pattern UNSAFE_CHARACTER = Pattern.compile("[^A-Za-z0-9._:-]");

    private Ids() {
    }

    /**
     * Checks that {@code value} is 1 to {@code maxLength} characters of {@code [A-Za-z0-9._:-]}.
     *
     * @param what      what the value is, for the message (such as {@code "session id"})
     * @param value     the value to check
     * @param maxLength the longest allowed
     * @return {@code value}
     * @throws InvalidInputException naming the bad value
     */
    public static String check(String what, String value, int maxLength) {
        if (!isSafe(value, maxLength)) {
            throw new InvalidInputException("Invalid " + what + " " + (value == null ? "null" : Quoting.quote(value))
                    + ": expected 1-" + maxLength + " characters of [A-Za-z0-9._:-]");
        }
        return value;
    }

    /**
     * Checks a part of a Redis key chosen by configuration (a namespace, a key prefix): the
     * characters of {@link #check} but {@code :}, the separator of the parts of a key, so that no
     * two parts share a key (prefix {@code mnemo:a} with namespace {@code b}, and prefix
     * {@code mnemo} with namespace {@code a:b}).
     *
     * @param what      what the value is, for the message (such as {@code "namespace"})
     * @param value     the value to check
     * @param maxLength the longest allowed
     * @return {@code value}
     * @throws InvalidInputException naming the bad value
     */
    public static String checkKeyPart(String what, String value, int maxLength) {
        check(what, value, maxLength);
        if (value.indexOf(':') >= 0) {
            throw new InvalidInputException("Invalid " + what + " " + Quoting.quote(value) + ": expected 1-" + maxLength
                    + " characters of [A-Za-z0-9._-]; ':' separates the parts of a Redis key");
        }
        return value;
    }

    /**
     * The id under which a foreign identifier is kept, the same in every process and never refused:
     * {@code text} itself when it is a valid id (so {@code "chat-42"} and a UUID keep their readable
     * form and stay the ids Mnemo's own API uses), else its first {@value #READABLE_PREFIX}
     * characters with each one outside {@code [A-Za-z0-9._:-]} replaced by {@code '-'}, then
     * {@code '-'} and the SHA-256 of the whole text's UTF-8 bytes in lower-case hex:
     * {@code "ada@example.com"} becomes {@code "ada-example.com-<64 hex digits>"}.
     *
     * <p>Two texts that both need the digest map to different ids unless their SHA-256 collide. A
     * valid text that spells another text's digested form shares its id; reaching it takes knowing
     * that digest, so it is a deliberate choice, never an accident.
     *
     * @param text      the foreign identifier, any text
     * @param maxLength the longest id wanted, at least {@value #READABLE_PREFIX} + 65
     * @return the safe id, at most {@code maxLength} characters
     */
    public static String safe(String text, int maxLength) {
        if (maxLength < READABLE_PREFIX + 65) {
            throw new IllegalArgumentException("maxLength must leave room for the prefix and the digest, was " + maxLength);
        }
        if (isSafe(text, maxLength)) {
            return text;
        }
        String readable = text.substring(0, Math.min(text.length(), READABLE_PREFIX));
        return UNSAFE_CHARACTER.matcher(readable).replaceAll("-") + "-" + sha256(text);
    }

    private static boolean isSafe(String value, int maxLength) {
        return value != null && !value.isEmpty() && value.length() <= maxLength && SAFE.matcher(value).matches()
                && !value.equals(".") && !value.equals("..");
    }

    private static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }
}
