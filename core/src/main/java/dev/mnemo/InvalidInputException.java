package dev.mnemo;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Input that Mnemo refuses before anything is stored: a bad id, oversized or empty content,
 * a malformed configuration value, or malformed data read back from a store (then the
 * message names the key).
 */
public class InvalidInputException extends MnemoException {

    /** @param message what is wrong, with the offending value */
    public InvalidInputException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong, with the offending value
     * @param cause   the parser's or driver's exception
     */
    public InvalidInputException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }

    /**
     * One exception that reports several problems at once, as configuration validation does.
     *
     * @param what     what was being checked, such as {@code "configuration"}
     * @param problems every problem found, at least one
     * @return the exception listing each problem on its own line
     */
    public static InvalidInputException of(String what, List<String> problems) {
        return new InvalidInputException("Invalid " + what + ":\n  - " + String.join("\n  - ", problems));
    }
}
