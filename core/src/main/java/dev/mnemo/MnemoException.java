package dev.mnemo;

import org.jspecify.annotations.Nullable;

/**
 * The one unchecked root of every error Mnemo reports. Subclasses name the condition; the
 * driver's exception, where there is one, is kept as the cause.
 */
public class MnemoException extends RuntimeException {

    /**
     * @param message what went wrong, naming the value or tier involved
     * @param cause   the underlying exception, or {@code null}
     */
    public MnemoException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }

    /** @param message what went wrong, naming the value or tier involved */
    public MnemoException(String message) {
        super(message);
    }
}
