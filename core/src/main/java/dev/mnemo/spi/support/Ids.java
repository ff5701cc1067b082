package dev.mnemo.spi.support;

import dev.mnemo.InvalidInputException;
import java.util.regex.Pattern;

/** Validation of every identifier that ends up in a Redis key or a Firestore path. */
public final class Ids {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]+");

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
        if (value == null || value.isEmpty() || value.length() > maxLength || !SAFE.matcher(value).matches()
                || value.equals(".") || value.equals("..")) {
            throw new InvalidInputException("Invalid " + what + " " + (value == null ? "null" : Quoting.quote(value))
                    + ": expected 1-" + maxLength + " characters of [A-Za-z0-9._:-]");
        }
        return value;
    }
}
