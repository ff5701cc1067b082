package dev.mnemo;

import dev.mnemo.spi.Health;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What {@link Mnemo#health()} answers: one status for the whole, each tier's check and breaker, and
 * what waits for the durable tier. A load balancer should take an instance out only when the status
 * is {@link Status#DOWN}: in every other state it answers.
 *
 * @param status  the status of the whole
 * @param tiers   each tier, in record order (durable first)
 * @param journal what waits for the durable tier; all zero without one
 */
public record MnemoHealth(Status status, List<TierHealth> tiers, JournalHealth journal) {

    /** The status of the whole, from best to worst. */
    public enum Status {
        /** Every tier answers and nothing waits in this process alone. */
        UP,
        /**
         * A tier is down, or some writes were refused and kept (poisoned), but every acknowledged write
         * is safe in a tier that other processes share (the Redis journal or Firestore).
         */
        DEGRADED,
        /**
         * Some acknowledged writes are held only in this process (the durable tier is out and no
         * shared journal takes them): they are lost if the process dies before the tier returns.
         */
        AT_RISK,
        /** No tier takes writes: every call fails. */
        DOWN
    }

    /** Checks the parts and copies the tiers. */
    public MnemoHealth {
        Objects.requireNonNull(status, "status");
        tiers = List.copyOf(tiers);
        Objects.requireNonNull(journal, "journal");
    }

    /** @return the tier of that name, if there is one */
    public Optional<TierHealth> tier(String name) {
        return tiers.stream().filter(tier -> tier.name().equals(name)).findFirst();
    }

    /**
     * One tier's health.
     *
     * @param name    its name, such as {@code redis}
     * @param role    {@code hot}, {@code durable} or {@code fallback}
     * @param breaker its breaker's state ({@code CLOSED}, {@code OPEN}, {@code HALF_OPEN}...), or
     *                {@code NONE} when it is the only tier
     * @param check   its own health check
     */
    public record TierHealth(String name, String role, String breaker, Health check) {

        /** @return whether the tier answers: its check passed and its breaker lets calls through */
        public boolean up() {
            return check.up() && !breaker.equals("OPEN") && !breaker.equals("FORCED_OPEN");
        }
    }

    /**
     * What waits for the durable tier.
     *
     * @param waitingHere    messages this process still sends to the durable tier
     * @param heldOnlyHere   of those, the ones no shared journal holds: lost if this process dies
     * @param changesHere    session writes other than appends queued in this process alone
     * @param poisoned       writes the durable tier refused for a reason other than an outage, kept
     *                       in the journal and retried, never dropped
     * @param corruptReads   reads that met corrupt data in the hot tier, answered from the durable tier
     * @param sharedIn       the tier whose journal every process shares, or {@code null} without one
     * @param sharedSessions sessions with entries in that journal, in this namespace (-1 when unknown)
     * @param oldestPending  how long the oldest entry in that journal has waited, when known
     */
    public record JournalHealth(long waitingHere, long heldOnlyHere, long changesHere, long poisoned, long corruptReads,
                                @Nullable String sharedIn, long sharedSessions, @Nullable Duration oldestPending) {

        /** Nothing waits: the journal of a deployment without a durable tier. */
        public static final JournalHealth NONE = new JournalHealth(0, 0, 0, 0, 0, null, 0, null);
    }
}
