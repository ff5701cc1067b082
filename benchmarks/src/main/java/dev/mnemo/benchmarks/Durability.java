package dev.mnemo.benchmarks;

import dev.mnemo.SessionId;
import dev.mnemo.StoreUnavailableException;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

/**
 * Checks that the durable tier of a configuration holds every message it acknowledged, write-behind
 * included: an acknowledged message that never reaches the system of record is lost, however fast
 * its append was. Configurations without a durable tier have nothing to check.
 */
final class Durability {

    /** The pause between two checks: with a check of about a millisecond, the drain time's resolution. */
    static final long PAUSE_MILLIS = 10;

    private final Subject subject;

    /**
     * How much longer than the wait a check may keep failing for a busy durable tier before the run
     * ends: a wait shorter than one read's time limit (10 s) must still see one answered check.
     */
    private static final Duration BUSY_GRACE = Duration.ofMinutes(2);

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
        return awaitHeld(sessions, expected, wait).held();
    }

    /**
     * As {@link #await}, and when it held them.
     *
     * @return how many it holds, the {@link System#nanoTime()} at the end of the check that found them
     *         all, and how many checks it took
     */
    Held awaitHeld(List<SessionId> sessions, long expected, Duration wait) {
        long started = System.nanoTime();
        for (int checks = 1; ; checks++) {
            OptionalLong count;
            try {
                count = subject.durableCount(sessions);
            } catch (StoreUnavailableException busy) { // a timeout too: an emulator busy draining a crowd answers late
                if (System.nanoTime() - started > wait.plus(BUSY_GRACE).toNanos()) {
                    throw busy;
                }
                pause();
                continue;
            }
            long checked = System.nanoTime();
            if (count.isEmpty()) {
                return new Held(-1, checked, checks);
            }
            if (count.getAsLong() >= expected || checked - started > wait.toNanos()) {
                return new Held(count.getAsLong(), checked, checks);
            }
            pause();
        }
    }

    /**
     * What the durable tier held.
     *
     * @param held    how many messages, or -1 without a durable tier
     * @param checked when that was read, in {@link System#nanoTime()}
     * @param checks  how many times the durable tier was read to find it
     */
    record Held(long held, long checked, int checks) {
    }

    /** Sleeps {@link #PAUSE_MILLIS}. */
    static void pause() {
        try {
            Thread.sleep(PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the durable tier", e);
        }
    }
}
