package dev.mnemo.internal;

import dev.mnemo.MnemoHealth;
import dev.mnemo.summary.SummaryStats;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.jspecify.annotations.Nullable;

/**
 * Mnemo's meters in Micrometer (an optional dependency: this class is loaded only when a registry
 * is given). The README's Metrics table lists each with its tags. What runs on every call finds its
 * meter in a cache (per operation, per tier and operation), so a call allocates nothing beyond what
 * Micrometer's recording does. Gauges hold this object weakly, as Micrometer does: once the Mnemo is
 * gone they read NaN.
 */
public final class MicrometerRouterMetrics implements RouterMetrics {

    private final MeterRegistry registry;
    private final Map<String, CallTimers> calls = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Timer[]>> tierCalls = new ConcurrentHashMap<>();
    private final Map<String, Counter> degraded = new ConcurrentHashMap<>();
    private final Map<String, Counter> corrupt = new ConcurrentHashMap<>();
    private final Counter replayed;
    private @Nullable IntSupplier pendingMessages;
    private @Nullable HealthSnapshot health;
    private @Nullable Supplier<SummaryStats> summaries;

    /** @param registry where meters are registered */
    public MicrometerRouterMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.replayed = Counter.builder("mnemo.journal.replayed")
                .description("journaled writes that reached the durable tier").register(registry);
    }

    @Override
    public void call(String operation, long nanos, @Nullable Throwable error) {
        CallTimers timers = calls.get(operation);
        if (timers == null) {
            timers = calls.computeIfAbsent(operation, CallTimers::new);
        }
        timers.of(error).record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void recordCall(String tier, String operation, long nanos, boolean answered) {
        Map<String, Timer[]> byOperation = tierCalls.get(tier);
        if (byOperation == null) {
            byOperation = tierCalls.computeIfAbsent(tier, name -> new ConcurrentHashMap<>());
        }
        Timer[] outcomes = byOperation.get(operation);
        if (outcomes == null) {
            outcomes = byOperation.computeIfAbsent(operation,
                    name -> new Timer[] {tierTimer(tier, name, "answered"), tierTimer(tier, name, "outage")});
        }
        outcomes[answered ? 0 : 1].record(nanos, TimeUnit.NANOSECONDS);
    }

    private Timer tierTimer(String tier, String operation, String outcome) {
        return Timer.builder("mnemo.tier.calls").description("calls to one tier, by store method and outcome")
                .tag("tier", tier).tag("operation", operation).tag("outcome", outcome).register(registry);
    }

    @Override
    public void degraded(String operation) {
        counter(degraded, "mnemo.degraded", "operation", operation, "calls answered degraded: a preferred tier was skipped")
                .increment();
    }

    @Override
    public void replayed(int writes) {
        replayed.increment(writes);
    }

    @Override
    public void corrupt(String tier) {
        counter(corrupt, "mnemo.corrupt", "tier", tier, "reads that met corrupt data in a tier, answered by another")
                .increment();
    }

    private Counter counter(Map<String, Counter> cache, String name, String tag, String value, String description) {
        Counter counter = cache.get(value);
        return counter != null ? counter : cache.computeIfAbsent(value,
                key -> Counter.builder(name).description(description).tag(tag, key).register(registry));
    }

    @Override
    public void backgroundFailure(String task) {
        Counter.builder("mnemo.background.failures").description("background tasks that failed; each is logged and retried")
                .tag("task", task).register(registry).increment();
    }

    @Override
    public void bindBreaker(CircuitBreaker breaker) {
        Gauge.builder("mnemo.tier.breaker.state", breaker, b -> switch (b.getState()) {
            case CLOSED -> 0;
            case HALF_OPEN -> 1;
            default -> 2;
        }).description("a tier's breaker: 0 closed, 1 half-open, 2 open").tag("tier", breaker.getName()).register(registry);
    }

    @Override
    public void bindJournal(IntSupplier pendingMessages) {
        this.pendingMessages = pendingMessages;
        Gauge.builder("mnemo.journal.pending", this, metrics -> metrics.pendingMessages.getAsInt())
                .description("messages this process still sends to the durable tier").baseUnit("messages").register(registry);
    }

    @Override
    public void bindHealth(Supplier<CompletionStage<MnemoHealth>> report) {
        this.health = new HealthSnapshot(report);
        healthGauge("mnemo.status", "the status of the whole: 0 UP, 1 DEGRADED, 2 AT_RISK, 3 DOWN", null,
                health -> health.status().ordinal());
        healthGauge("mnemo.journal.sessions", "sessions with entries in the journal every process shares (this namespace)",
                "sessions", health -> health.journal().sharedSessions() < 0 ? Double.NaN : health.journal().sharedSessions());
        healthGauge("mnemo.journal.poisoned", "writes the durable tier refused, kept in the journal and retried", "writes",
                health -> health.journal().poisoned());
        TimeGauge.builder("mnemo.journal.oldest.age", this, TimeUnit.SECONDS,
                        metrics -> metrics.health.read(HealthSnapshot::oldestPendingSeconds))
                .description("how long the oldest entry of the shared journal has waited; 0 when none waits")
                .register(registry);
    }

    private void healthGauge(String name, String description, @Nullable String unit, ToDoubleFunction<MnemoHealth> value) {
        Gauge.builder(name, this, metrics -> metrics.health.read(value)).description(description).baseUnit(unit)
                .register(registry);
    }

    @Override
    public void reported(MnemoHealth report) {
        HealthSnapshot snapshot = health;
        if (snapshot != null) {
            snapshot.update(report);
        }
    }

    @Override
    public void bindSummaries(Supplier<SummaryStats> stats) {
        this.summaries = stats;
        summaryCounter("stored", SummaryStats::stored);
        summaryCounter("failed", SummaryStats::failed);
        summaryCounter("conflict", SummaryStats::conflicts);
    }

    private void summaryCounter(String outcome, ToDoubleFunction<SummaryStats> count) {
        FunctionCounter.builder("mnemo.summaries", this, metrics -> count.applyAsDouble(metrics.summaries.get()))
                .description("rolling summary runs: stored, failed, or a compare-and-set lost to another writer")
                .tag("outcome", outcome).register(registry);
    }

    /** The timers of one public operation: answered, and by the exception it failed with. */
    private final class CallTimers {
        private final String operation;
        private final Timer answered;
        private final Map<Class<?>, Timer> failed = new ConcurrentHashMap<>();

        CallTimers(String operation) {
            this.operation = operation;
            this.answered = timer("none");
        }

        Timer of(@Nullable Throwable error) {
            if (error == null) {
                return answered;
            }
            Timer timer = failed.get(error.getClass());
            return timer != null ? timer : failed.computeIfAbsent(error.getClass(), type -> timer(type.getSimpleName()));
        }

        private Timer timer(String exception) {
            return Timer.builder("mnemo.calls").description("calls of Mnemo's API as their callers saw them")
                    .tag("operation", operation).tag("exception", exception).register(registry);
        }
    }
}
