package dev.mnemo.internal;

import dev.mnemo.MnemoHealth;
import dev.mnemo.spi.support.Stages;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.jspecify.annotations.Nullable;

/**
 * The latest health report, for the gauges of what only a report knows (the status, the shared
 * journal's sessions and oldest entry, poisoned writes). A report checks every tier and asks the hot
 * tier for the journal's backlog, so a gauge never makes one while it is read: it reads the latest,
 * and starts a new one in the background when that is older than {@link #REFRESH}. Every report
 * anyone asks for ({@code Mnemo.health()}, Spring Boot's health endpoint) replaces it too.
 */
final class HealthSnapshot {

    /** How old a report may get before a gauge that reads it starts a new one. */
    static final Duration REFRESH = Duration.ofSeconds(10);

    private final Supplier<CompletionStage<MnemoHealth>> report;
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private volatile @Nullable MnemoHealth latest;
    private volatile long madeAt;

    /** @param report makes a new report, which reaches {@link #update} when it is made */
    HealthSnapshot(Supplier<CompletionStage<MnemoHealth>> report) {
        this.report = report;
    }

    void update(MnemoHealth health) {
        madeAt = System.nanoTime();
        latest = health;
    }

    /** @return {@code value} of the latest report, NaN before the first */
    double read(ToDoubleFunction<MnemoHealth> value) {
        MnemoHealth health = latest;
        if ((health == null || System.nanoTime() - madeAt > REFRESH.toNanos()) && refreshing.compareAndSet(false, true)) {
            Stages.call(report).whenComplete((made, error) -> refreshing.set(false));
        }
        return health == null ? Double.NaN : value.applyAsDouble(health);
    }

    /** @return how long the oldest entry of the shared journal has waited, 0 when none waits, NaN when unknown */
    static double oldestPendingSeconds(MnemoHealth health) {
        MnemoHealth.JournalHealth journal = health.journal();
        if (journal.sharedSessions() < 0) {
            return Double.NaN;
        }
        return journal.oldestPending() == null ? 0 : journal.oldestPending().toNanos() / 1e9;
    }
}
