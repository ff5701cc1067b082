package dev.mnemo.spi;

import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a tier offers, from which the router gives it a role: a shared windowed tier is hot,
 * a durable one is the system of record, any other is the fallback.
 *
 * @param durable    it survives a process and a server restart (the full transcript)
 * @param shared     other processes see its writes
 * @param windowSize how many latest messages it keeps per session, 0 for all of them
 * @param ttl        how long an idle session lives in it, or {@code null} for no expiry
 */
public record Capabilities(boolean durable, boolean shared, int windowSize, @Nullable Duration ttl) {

    /** @throws IllegalArgumentException for a negative window */
    public Capabilities {
        if (windowSize < 0) {
            throw new IllegalArgumentException("windowSize must be >= 0, was " + windowSize);
        }
    }

    /** @return true when the tier keeps only the latest {@link #windowSize()} messages */
    public boolean windowed() {
        return windowSize > 0;
    }

    /** @return the idle expiry, if the tier has one */
    public Optional<Duration> expiry() {
        return Optional.ofNullable(ttl);
    }
}
