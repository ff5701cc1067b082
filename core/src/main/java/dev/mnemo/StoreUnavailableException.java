package dev.mnemo;

import org.jspecify.annotations.Nullable;

/** A tier could not be reached or refused the call; {@link #tier()} names it. */
public class StoreUnavailableException extends MnemoException {

    private final String tier;

    /**
     * @param tier    the tier's name, such as {@code redis}
     * @param message what failed
     * @param cause   the driver's exception, or {@code null}
     */
    public StoreUnavailableException(String tier, String message, @Nullable Throwable cause) {
        super("Tier '" + tier + "' unavailable: " + message, cause);
        this.tier = tier;
    }

    /** @return the name of the tier that failed */
    public String tier() {
        return tier;
    }
}
