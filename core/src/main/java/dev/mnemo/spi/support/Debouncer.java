package dev.mnemo.spi.support;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Lets a repeated action through at most once per interval per key, in this process only. Holds
 * one entry per key seen within about one interval: entries older than the interval would let the
 * action through anyway, so they are swept once the map grows past {@value #SWEEP_ABOVE} entries.
 *
 * @param <K> the key, such as a session's reference
 */
public final class Debouncer<K> {

    private static final int SWEEP_ABOVE = 4096;

    private final ConcurrentMap<K, Long> last = new ConcurrentHashMap<>();
    private final long intervalMillis;
    private final Clock clock;

    /**
     * @param interval the least time between two actions for one key
     * @param clock    the clock that measures it
     */
    public Debouncer(Duration interval, Clock clock) {
        this.intervalMillis = interval.toMillis();
        this.clock = clock;
    }

    /** @return whether the action for {@code key} is due; when it is, it counts as done now */
    public boolean due(K key) {
        long now = clock.millis();
        boolean[] due = {false};
        last.compute(key, (ignored, previous) -> {
            due[0] = previous == null || now - previous >= intervalMillis;
            return due[0] ? now : previous;
        });
        if (due[0] && last.size() > SWEEP_ABOVE) {
            last.values().removeIf(at -> now - at >= intervalMillis);
        }
        return due[0];
    }

    /** Records that the action for {@code key} was just done. */
    public void mark(K key) {
        last.put(key, clock.millis());
    }

    /** Forgets {@code key}, so that its next action is due at once (after its action failed). */
    public void forget(K key) {
        last.remove(key);
    }
}
