package dev.mnemo.spi;

import java.time.Duration;

/**
 * The result of a tier's health check.
 *
 * @param tier    the tier's name
 * @param up      whether it answered
 * @param latency how long the check took
 * @param detail  a short human-readable detail (version, error), never null
 */
public record Health(String tier, boolean up, Duration latency, String detail) {

    /** @return a healthy result */
    public static Health up(String tier, Duration latency, String detail) {
        return new Health(tier, true, latency, detail);
    }

    /** @return an unhealthy result whose detail is the error's message */
    public static Health down(String tier, Duration latency, Throwable error) {
        return new Health(tier, false, latency, String.valueOf(error.getMessage()));
    }
}
