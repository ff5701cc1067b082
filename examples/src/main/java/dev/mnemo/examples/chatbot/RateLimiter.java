package dev.mnemo.examples.chatbot;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A token bucket per user: a user may make {@code burst} requests at once, then one more each
 * {@code 60 s / perMinute}. The buckets are keyed by authenticated user id, so there are at most
 * as many as there are users with a token, and an unauthenticated caller has none to drain.
 */
final class RateLimiter {

    private static final long MINUTE_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final long nanosPerPermit;
    private final long burstNanos;
    private final LongSupplier nanoTime;
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    /**
     * @param perMinute the sustained rate of one user
     * @param burst     the requests one user may make at once
     * @param nanoTime  the clock, {@link System#nanoTime()} outside tests
     */
    RateLimiter(int perMinute, int burst, LongSupplier nanoTime) {
        this.nanosPerPermit = Math.max(1, MINUTE_NANOS / perMinute);
        this.burstNanos = nanosPerPermit * burst;
        this.nanoTime = nanoTime;
    }

    /**
     * Takes one permit of {@code user}'s bucket when it has one.
     *
     * @return 0 when the request may go on, else the whole seconds until the bucket has a permit
     *         again, for {@code Retry-After}
     */
    long acquire(String user) {
        return buckets.computeIfAbsent(user, u -> new Bucket(nanoTime.getAsLong() - burstNanos)).acquire();
    }

    /**
     * The bucket as the time at which it would be full again ("virtual scheduling"): a permit moves
     * it one interval later, and it may not run ahead of now by more than the burst.
     */
    private final class Bucket {
        private long fullAt;

        Bucket(long fullAt) {
            this.fullAt = fullAt;
        }

        synchronized long acquire() {
            long now = nanoTime.getAsLong();
            long next = Math.max(fullAt, now - burstNanos) + nanosPerPermit;
            if (next - now > 0) {
                long wait = next - now;
                return Math.max(1, TimeUnit.NANOSECONDS.toSeconds(wait + TimeUnit.SECONDS.toNanos(1) - 1));
            }
            fullAt = next;
            return 0;
        }
    }
}
