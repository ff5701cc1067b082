package dev.mnemo;

import org.jspecify.annotations.Nullable;

/**
 * A tier answered a write and refused it: nothing of it was stored and it was not acknowledged,
 * such as when Redis is out of memory ({@code maxmemory}) or its eviction policy could evict the
 * journal. It is a refusal, not an outage: no breaker counts it and no other tier takes the write
 * instead, because another tier could only acknowledge it with less safety than the caller chose.
 */
public class WriteRefusedException extends StoreUnavailableException {

    /**
     * @param tier    the tier that refused the write
     * @param message why, and what would make the tier take it
     * @param cause   the driver's exception, or {@code null}
     */
    public WriteRefusedException(String tier, String message, @Nullable Throwable cause) {
        super(tier, message, cause);
    }
}
