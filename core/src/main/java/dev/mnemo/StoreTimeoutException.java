package dev.mnemo;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A tier did not answer within its time limit, or a call of {@link Mnemo} ran past its deadline
 * ({@code mnemo.call-timeout}; then {@link #tier()} is {@value #CALL}).
 */
public class StoreTimeoutException extends StoreUnavailableException {

    /** The {@link #tier()} of a call that ran past {@code mnemo.call-timeout}: no tier answered in time. */
    public static final String CALL = "mnemo";

    /**
     * @param tier    the tier's name
     * @param timeout the limit that passed
     * @param cause   the driver's exception, or {@code null}
     */
    public StoreTimeoutException(String tier, Duration timeout, @Nullable Throwable cause) {
        super(tier, "no answer within " + timeout.toMillis() + " ms", cause);
    }

    /**
     * @param operation the call, such as {@code append}
     * @param timeout   the deadline that passed
     * @return the failure of a call of {@link Mnemo} that ran past {@code mnemo.call-timeout}
     */
    public static StoreTimeoutException callDeadline(String operation, Duration timeout) {
        return new StoreTimeoutException(CALL, timeout, null, operation);
    }

    private StoreTimeoutException(String tier, Duration timeout, @Nullable Throwable cause, String operation) {
        super(tier, operation + " did not complete within " + timeout.toMillis()
                + " ms (mnemo.call-timeout); a write may still land, and a retry stores nothing twice", cause);
    }
}
