package dev.mnemo.internal;

import dev.mnemo.MnemoHealth;
import dev.mnemo.MnemoHealth.JournalHealth;
import dev.mnemo.MnemoHealth.Status;
import dev.mnemo.MnemoHealth.TierHealth;
import dev.mnemo.spi.DurableJournal;
import dev.mnemo.spi.Health;
import dev.mnemo.spi.MemoryStore;
import dev.mnemo.spi.support.Stages;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Puts {@link MnemoHealth} together: each tier's own check and breaker, what waits for the durable
 * tier here and in the shared journal, and the one status a load balancer reads:
 * <ul>
 *   <li>{@code DOWN} when no tier takes writes;</li>
 *   <li>{@code AT_RISK} when acknowledged writes are held only in this process, or would be: the
 *       durable tier is down and no shared journal takes its writes;</li>
 *   <li>{@code DEGRADED} when a tier is down or writes were refused and kept (poisoned), all of it
 *       safe where other processes find it;</li>
 *   <li>{@code UP} otherwise.</li>
 * </ul>
 */
final class HealthReport {

    private final Tiers tiers;
    private final String namespace;
    private final @Nullable DurableFlusher flusher;
    private final @Nullable SessionWrites sessionWrites;
    private final @Nullable Poisoned poisoned;
    private final Reads reads;
    private final Clock clock;

    HealthReport(Tiers tiers, String namespace, @Nullable DurableFlusher flusher, @Nullable SessionWrites sessionWrites,
                 @Nullable Poisoned poisoned, Reads reads, Clock clock) {
        this.tiers = tiers;
        this.namespace = namespace;
        this.flusher = flusher;
        this.sessionWrites = sessionWrites;
        this.poisoned = poisoned;
        this.reads = reads;
        this.clock = clock;
    }

    /** @return the report; never fails (a check that fails is a tier that is down) */
    CompletableFuture<MnemoHealth> report() {
        List<CompletableFuture<TierHealth>> checks = new ArrayList<>();
        for (MemoryStore tier : tiers.recordOrder) {
            long start = System.nanoTime();
            checks.add(Stages.call(tier::health).toCompletableFuture()
                    .exceptionally(error -> Health.down(tier.name(), Duration.ofNanos(System.nanoTime() - start),
                            Stages.unwrap(error)))
                    .thenApply(health -> new TierHealth(tier.name(), role(tier), breaker(tier), health)));
        }
        CompletableFuture<DurableJournal.Backlog> backlog = tiers.journal == null
                ? CompletableFuture.completedFuture(new DurableJournal.Backlog(0, null))
                : Stages.call(() -> tiers.journal.backlog(namespace)).toCompletableFuture()
                        .exceptionally(error -> new DurableJournal.Backlog(-1, null));
        return CompletableFuture.allOf(checks.toArray(CompletableFuture[]::new)).thenCombine(backlog, (done, behind) -> {
            List<TierHealth> found = checks.stream().map(CompletableFuture::join).toList();
            JournalHealth journal = journal(behind);
            return new MnemoHealth(status(found, journal), found, journal);
        });
    }

    private JournalHealth journal(DurableJournal.Backlog behind) {
        if (flusher == null) {
            return JournalHealth.NONE;
        }
        Duration oldest = behind.oldest() == null ? null : Duration.between(behind.oldest(), clock.instant());
        return new JournalHealth(flusher.size(), flusher.unjournaled(), sessionWrites.size(), poisoned.count(),
                reads.corruptReads(), tiers.journal == null ? null : tiers.hot.name(), behind.sessions(), oldest);
    }

    private Status status(List<TierHealth> found, JournalHealth journal) {
        boolean hotUp = up(found, tiers.hot);
        boolean durableUp = up(found, tiers.durable);
        boolean fallbackUp = up(found, tiers.fallback);
        if (!hotUp && !durableUp && !fallbackUp) {
            return Status.DOWN;
        }
        boolean sharedJournal = tiers.journal != null && hotUp;
        if (journal.heldOnlyHere() > 0 || journal.changesHere() > 0 || (tiers.durable != null && !durableUp && !sharedJournal)) {
            return Status.AT_RISK;
        }
        boolean allUp = found.stream().allMatch(TierHealth::up);
        return allUp && journal.poisoned() == 0 ? Status.UP : Status.DEGRADED;
    }

    private static boolean up(List<TierHealth> found, @Nullable MemoryStore tier) {
        return tier != null && found.stream().anyMatch(health -> health.name().equals(tier.name()) && health.up());
    }

    private String role(MemoryStore tier) {
        return (tier == tiers.hot ? TierRole.HOT : tier == tiers.durable ? TierRole.DURABLE : TierRole.FALLBACK)
                .name().toLowerCase(Locale.ROOT);
    }

    private static String breaker(MemoryStore tier) {
        return tier instanceof ResilientStore resilient ? resilient.breaker().getState().name() : "NONE";
    }
}
