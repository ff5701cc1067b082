package dev.mnemo.benchmarks;

import dev.mnemo.SessionId;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

/**
 * Checks that the durable tier of a configuration holds every message it acknowledged, write-behind
 * included: an acknowledged message that never reaches the system of record is lost, however fast
 * its append was. Configurations without a durable tier have nothing to check.
 */
final class Durability {

    private final Subject subject;

    /** @param subject the configuration */
    Durability(Subject subject) {
        this.subject = subject;
    }

    /**
     * Waits until the durable tier holds {@code expected} messages of {@code sessions} in all, or
     * {@code wait} has passed.
     *
     * @return how many it holds then, or -1 when there is no durable tier
     */
    long await(List<SessionId> sessions, long expected, Duration wait) {
        long started = System.nanoTime();
        while (true) {
            long held = 0;
            for (SessionId id : sessions) {
                OptionalLong count = subject.durableCount(id);
                if (count.isEmpty()) {
                    return -1;
                }
                held += count.getAsLong();
            }
            if (held >= expected || System.nanoTime() - started > wait.toNanos()) {
                return held;
            }
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the durable tier", e);
        }
    }
}
