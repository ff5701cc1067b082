package dev.mnemo.internal;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * Router metrics in Micrometer (an optional dependency: this class is loaded only when a registry
 * is given). Meters: {@code mnemo.tier.calls} (timer by tier, operation, outcome),
 * {@code mnemo.tier.breaker.state} (0 closed, 1 half-open, 2 open, by tier),
 * {@code mnemo.degraded} (counter by operation), {@code mnemo.corrupt} (counter by tier), {@code mnemo.journal.replayed},
 * {@code mnemo.background.failures} (by task) and {@code mnemo.journal.pending} (messages).
 */
public final class MicrometerRouterMetrics implements RouterMetrics {

    private final MeterRegistry registry;

    /** @param registry where meters are registered */
    public MicrometerRouterMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void recordCall(String tier, String operation, long nanos, boolean answered) {
        Timer.builder("mnemo.tier.calls").tag("tier", tier).tag("operation", operation)
                .tag("outcome", answered ? "answered" : "outage").register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void degraded(String operation) {
        registry.counter("mnemo.degraded", "operation", operation).increment();
    }

    @Override
    public void replayed(int writes) {
        registry.counter("mnemo.journal.replayed").increment(writes);
    }

    @Override
    public void corrupt(String tier) {
        registry.counter("mnemo.corrupt", "tier", tier).increment();
    }

    @Override
    public void backgroundFailure(String task) {
        registry.counter("mnemo.background.failures", "task", task).increment();
    }

    @Override
    public void bindBreaker(CircuitBreaker breaker) {
        Gauge.builder("mnemo.tier.breaker.state", breaker, b -> switch (b.getState()) {
            case CLOSED -> 0;
            case HALF_OPEN -> 1;
            default -> 2;
        }).tag("tier", breaker.getName()).register(registry);
    }

    @Override
    public void bindJournal(IntSupplier pendingMessages) {
        Gauge.builder("mnemo.journal.pending", pendingMessages, IntSupplier::getAsInt).register(registry);
    }
}
