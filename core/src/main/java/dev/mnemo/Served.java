package dev.mnemo;

/**
 * A value with the tier that served it.
 *
 * @param value    the value
 * @param tier     the name of the tier that answered
 * @param degraded whether a preferred tier was skipped because it was down
 */
public record Served<T>(T value, String tier, boolean degraded) {

    /** @return the same provenance carrying {@code other} */
    public <U> Served<U> with(U other) {
        return new Served<>(other, tier, degraded);
    }
}
