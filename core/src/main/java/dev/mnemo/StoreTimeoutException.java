package dev.mnemo;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** A tier did not answer within its time limit. */
public class StoreTimeoutException extends StoreUnavailableException {

    /**
     * @param tier    the tier's name
     * @param timeout the limit that passed
     * @param cause   the driver's exception, or {@code null}
     */
    public StoreTimeoutException(String tier, Duration timeout, @Nullable Throwable cause) {
        super(tier, "no answer within " + timeout.toMillis() + " ms", cause);
    }
}
