package dev.mnemo.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mnemo.BlockingMnemo;
import dev.mnemo.Message;
import dev.mnemo.Mnemo;
import dev.mnemo.MnemoConfig;
import dev.mnemo.MnemoHealth;
import dev.mnemo.SessionId;
import dev.mnemo.SessionNotFoundException;
import dev.mnemo.StoreTimeoutException;
import dev.mnemo.context.ContextPolicy;
import dev.mnemo.spi.Capabilities;
import dev.mnemo.spi.MemoryStore;
import dev.mnemo.spi.StoreConfig;
import dev.mnemo.summary.ExtractiveSummarizer;
import dev.mnemo.summary.SummaryConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MicrometerRouterMetricsTest {

    /** A breaker that opens after 2 failed calls, so a tier taken down is skipped at once. */
    private static final StoreConfig FAST_BREAKERS = StoreConfig.of(Map.of(
            "mnemo.resilience.sliding-window-size", "2", "mnemo.resilience.minimum-calls", "2",
            "mnemo.resilience.retry-attempts", "1"));

    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final FaultyTier durable = FaultyTier.durable();
    private final FaultyTier fallback = FaultyTier.fallback();
    private final SessionId id = SessionId.of("metered");
    private final Mnemo mnemo = Mnemo.builder().config(FAST_BREAKERS).tiers(durable.store, fallback.store)
            .summarizer(new ExtractiveSummarizer()).summaryConfig(SummaryConfig.builder().everyMessages(0)
                    .everyTokens(0).keepRecent(1).build())
            .meterRegistry(registry).build();
    private final BlockingMnemo memory = mnemo.blocking();

    @AfterEach
    void close() {
        mnemo.close();
    }

    private double calls(String operation, String exception) {
        return registry.get("mnemo.calls").tag("operation", operation).tag("exception", exception).timer().count();
    }

    @Test
    void everyCallIsTimedByOperationAndByTheExceptionItFailedWith() {
        memory.openSession(id, "u1");
        memory.append(id, Message.user("one"));
        memory.append(id, Message.user("two"));
        memory.context(id, ContextPolicy.lastMessages(5));
        memory.turn(id, List.of(Message.user("three")), ContextPolicy.lastMessages(5));
        assertThatThrownBy(() -> memory.append(SessionId.of("never-opened"), Message.user("lost")))
                .isInstanceOf(SessionNotFoundException.class);

        assertThat(calls("append", "none")).isEqualTo(2);
        assertThat(calls("append", "SessionNotFoundException")).isEqualTo(1);
        assertThat(calls("context", "none")).isEqualTo(1);
        assertThat(calls("turn", "none")).isEqualTo(1);
        assertThat(registry.get("mnemo.calls").tag("operation", "append").timers()).as("one timer per outcome, reused")
                .hasSize(2);
        assertThat(registry.get("mnemo.calls").tag("operation", "turn").timer().totalTime(TimeUnit.NANOSECONDS)).isPositive();
    }

    @Test
    void aCallPastItsDeadlineIsTimedOnceAsATimeout() {
        MemoryStore silent = (MemoryStore) Proxy.newProxyInstance(MemoryStore.class.getClassLoader(),
                new Class<?>[] {MemoryStore.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "name" -> "silent";
                    case "capabilities" -> new Capabilities(false, false, 0, null);
                    case "close" -> null;
                    default -> new CompletableFuture<>(); // never answers, as a frozen server
                });
        try (Mnemo frozen = Mnemo.builder().tiers(silent).meterRegistry(registry)
                .settings(MnemoConfig.builder().callTimeout(Duration.ofMillis(200)).build()).build()) {
            assertThatThrownBy(() -> frozen.blocking().openSession(id, "u1")).isInstanceOf(StoreTimeoutException.class);
        }

        Timer timedOut = registry.get("mnemo.calls").tag("operation", "openSession")
                .tag("exception", "StoreTimeoutException").timer();
        assertThat(timedOut.count()).isEqualTo(1);
        assertThat(timedOut.totalTime(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(200);
    }

    @Test
    void eachTierCallIsTimedAndATierThatIsDownCountsAsAnOutageAndTheAnswerAsDegraded() {
        memory.openSession(id, "u1");
        memory.append(id, Message.user("stored twice"));
        assertThat(registry.get("mnemo.tier.calls").tag("tier", "durable").tag("operation", "append")
                .tag("outcome", "answered").timer().count()).isEqualTo(1);

        durable.down();
        memory.history(id, 5);

        assertThat(registry.get("mnemo.tier.calls").tag("tier", "durable").tag("outcome", "outage").timers().stream()
                .mapToLong(Timer::count).sum()).isPositive();
        assertThat(registry.get("mnemo.degraded").counters()).isNotEmpty();
    }

    @Test
    void statusAndJournalGaugesReadTheLatestHealthReport() {
        assertThat(memory.health().status()).isEqualTo(MnemoHealth.Status.UP);
        assertThat(registry.get("mnemo.status").gauge().value()).isZero();
        assertThat(registry.get("mnemo.journal.sessions").gauge().value()).isZero();
        assertThat(registry.get("mnemo.journal.poisoned").gauge().value()).isZero();
        assertThat(registry.get("mnemo.journal.oldest.age").timeGauge().value(TimeUnit.SECONDS)).isZero();
        assertThat(registry.get("mnemo.journal.pending").gauge().value()).isZero();

        durable.down();
        MnemoHealth down = memory.health();

        assertThat(down.status()).as("the durable tier is down and no shared journal holds its writes")
                .isEqualTo(MnemoHealth.Status.AT_RISK);
        assertThat(registry.get("mnemo.status").gauge().value()).isEqualTo(MnemoHealth.Status.AT_RISK.ordinal());
    }

    @Test
    void aGaugeReadBeforeAnyReportStartsOneAndReadsItOnceMade() throws InterruptedException {
        assertThat(registry.get("mnemo.status").gauge().value()).as("no report yet").isNaN();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (Double.isNaN(registry.get("mnemo.status").gauge().value()) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(registry.get("mnemo.status").gauge().value()).isZero();
    }

    @Test
    void rollingSummariesAreCountedByOutcome() {
        memory.openSession(id, "u1");
        memory.append(id, Message.user("The order number is 42."), Message.assistant("Noted."), Message.user("Thanks."));

        assertThat(mnemo.blocking().summarize(id)).isPresent();

        assertThat(registry.get("mnemo.summaries").tag("outcome", "stored").functionCounter().count()).isEqualTo(1);
        assertThat(registry.get("mnemo.summaries").tag("outcome", "failed").functionCounter().count()).isZero();
    }
}
