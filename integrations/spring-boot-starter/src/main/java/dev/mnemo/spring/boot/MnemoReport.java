package dev.mnemo.spring.boot;

import dev.mnemo.Mnemo;
import dev.mnemo.MnemoHealth;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@link MnemoHealth} as JSON shows it, with each unit in its name: what {@code /actuator/mnemo}
 * answers, and whose {@code tiers} and {@code journal} are the details of the {@code mnemo} health
 * contributor.
 *
 * @param status    {@code UP}, {@code DEGRADED}, {@code AT_RISK} or {@code DOWN} ({@link MnemoHealth.Status})
 * @param namespace the namespace of every session
 * @param writeMode {@code WRITE_THROUGH} or {@code WRITE_BEHIND}
 * @param tiers     each tier by name, durable first
 * @param journal   what waits for the durable tier
 */
public record MnemoReport(String status, String namespace, String writeMode, Map<String, Tier> tiers, Journal journal) {

    /**
     * @param mnemo  whose settings to show
     * @param health its health
     * @return the report
     */
    public static MnemoReport of(Mnemo mnemo, MnemoHealth health) {
        Map<String, Tier> tiers = new LinkedHashMap<>();
        for (MnemoHealth.TierHealth tier : health.tiers()) {
            tiers.put(tier.name(), new Tier(tier.role(), tier.breaker(), tier.up(), tier.check().latency().toMillis(),
                    tier.check().detail()));
        }
        MnemoHealth.JournalHealth journal = health.journal();
        return new MnemoReport(health.status().name(), mnemo.settings().namespace(), mnemo.settings().writeMode().name(),
                tiers, new Journal(journal.waitingHere(), journal.heldOnlyHere(), journal.changesHere(),
                        journal.poisoned(), journal.corruptReads(), journal.sharedIn(), journal.sharedSessions(),
                        journal.oldestPending() == null ? null : journal.oldestPending().toMillis()));
    }

    /**
     * One tier.
     *
     * @param role      {@code hot}, {@code durable} or {@code fallback}
     * @param breaker   its breaker's state ({@code CLOSED}, {@code HALF_OPEN}, {@code OPEN}...), {@code NONE} when it is the only tier
     * @param up        whether it answers: its check passed and its breaker lets calls through
     * @param latencyMs how long its health check took, in milliseconds
     * @param detail    what the check said (a version, an error)
     */
    public record Tier(String role, String breaker, boolean up, long latencyMs, String detail) {
    }

    /**
     * What waits for the durable tier; all zero without one.
     *
     * @param waitingHere     messages this process still sends to the durable tier
     * @param heldOnlyHere    of those, the ones no shared journal holds: lost if this process dies
     * @param changesHere     session writes other than appends queued in this process alone
     * @param poisoned        writes the durable tier refused (not an outage), kept and retried, never dropped
     * @param corruptReads    reads that met corrupt data in the hot tier, answered from the durable tier
     * @param sharedIn        the tier whose journal every process shares, {@code null} without one
     * @param sharedSessions  sessions with entries in that journal, in this namespace; -1 when unknown
     * @param oldestPendingMs how long the oldest entry of that journal has waited, in milliseconds;
     *                        {@code null} when none waits or it is unknown
     */
    public record Journal(long waitingHere, long heldOnlyHere, long changesHere, long poisoned, long corruptReads,
                          @Nullable String sharedIn, long sharedSessions, @Nullable Long oldestPendingMs) {
    }
}
