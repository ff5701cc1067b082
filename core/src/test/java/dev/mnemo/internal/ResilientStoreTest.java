package dev.mnemo.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mnemo.ResilienceConfig;
import dev.mnemo.Session;
import dev.mnemo.SessionId;
import dev.mnemo.StoreTimeoutException;
import dev.mnemo.StoreUnavailableException;
import dev.mnemo.reference.MapMemoryStore;
import dev.mnemo.spi.MemoryStore;
import dev.mnemo.spi.SessionRef;
import dev.mnemo.spi.support.Stages;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The breaker and time limits of one tier against a tier that starts cold, one that is down, and
 * one that is frozen: a cold start is never taken for an outage, a real outage still is.
 */
class ResilientStoreTest {

    /** Far shorter than the cold start below: without the set-up time limit every cold call would fail. */
    private static final Duration TIMEOUT = Duration.ofMillis(150);
    private static final Duration COLD_START = Duration.ofMillis(800);

    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    private final SessionRef ref = new SessionRef("default", SessionId.of("conversation"));
    private final Tier tier = new Tier();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    /** A hair trigger (2 calls), so that it is the set-up time limit, not the minimum, that keeps the breaker closed. */
    private ResilientStore hairTrigger(Duration setupTimeout) {
        return guarded(ResilienceConfig.builder().timeout(TIMEOUT).setupTimeout(setupTimeout)
                .minimumCalls(2).slidingWindowSize(4).retryAttempts(1).build());
    }

    private ResilientStore guarded(ResilienceConfig config) {
        return new ResilientStore(tier.store, config, scheduler, RouterMetrics.NONE);
    }

    @Test
    void callsMadeWhileTheTierOpensItsChannelSucceedAndTheBreakerStaysClosed() {
        tier.coldUntil(System.nanoTime() + COLD_START.toNanos());
        ResilientStore store = hairTrigger(Duration.ofSeconds(5));

        List<CompletableFuture<Session>> cold = IntStream.range(0, 4)
                .mapToObj(i -> store.createSession(session()).toCompletableFuture()).toList();

        assertThat(cold).allSatisfy(call -> assertThat(Stages.join(call).id()).isEqualTo(ref.id()));
        assertThat(store.breaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(store.breaker().getMetrics().getNumberOfFailedCalls()).isZero();
        assertThat(Stages.join(store.getSession(ref))).isPresent();
    }

    @Test
    void onceTheTierHasAnsweredASlowCallHasTheUsualTimeLimitAndDoesNotOpenTheDefaultBreaker() {
        ResilientStore store = guarded(ResilienceConfig.builder().timeout(TIMEOUT).retryAttempts(1).build());
        Stages.join(store.createSession(session()));
        tier.coldUntil(System.nanoTime() + COLD_START.toNanos());

        assertThatThrownBy(() -> Stages.join(store.getSession(ref))).isInstanceOf(StoreTimeoutException.class)
                .hasMessageContaining("within " + TIMEOUT.toMillis() + " ms");
        assertThat(store.breaker().getState()).as("one slow call is not an outage").isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void aTierDownFromTheStartOpensTheBreakerAfterTheMinimumCalls() {
        tier.down = true;
        ResilienceConfig defaults = ResilienceConfig.builder().retryAttempts(1).build();
        ResilientStore store = guarded(defaults);

        for (int call = 1; call < defaults.minimumCalls(); call++) {
            assertThatThrownBy(() -> Stages.join(store.getSession(ref))).hasMessageContaining("down for the test");
            assertThat(store.breaker().getState()).as("after %d calls", call).isEqualTo(CircuitBreaker.State.CLOSED);
        }
        assertThatThrownBy(() -> Stages.join(store.getSession(ref))).hasMessageContaining("down for the test");

        assertThat(store.breaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThatThrownBy(() -> Stages.join(store.getSession(ref))).isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("circuit breaker is open");
    }

    @Test
    void aTierFrozenFromTheStartHasTheSetupTimeLimitOnceThenTheUsualOneAndOpensTheBreaker() {
        tier.coldUntil(Long.MAX_VALUE);
        Duration setup = Duration.ofMillis(400);
        ResilientStore store = hairTrigger(setup);

        long start = System.nanoTime();
        assertThatThrownBy(() -> Stages.join(store.getSession(ref))).isInstanceOf(StoreTimeoutException.class)
                .hasMessageContaining("within " + setup.toMillis() + " ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(setup);
        assertThatThrownBy(() -> Stages.join(store.getSession(ref))).isInstanceOf(StoreTimeoutException.class)
                .as("a tier that did not answer in the whole set-up time is down, not setting up")
                .hasMessageContaining("within " + TIMEOUT.toMillis() + " ms");

        assertThat(store.breaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);
    }

    @Test
    void aFirstCallThatFailsEndsTheSetupSoAFrozenTierHasTheUsualTimeLimit() {
        tier.down = true;
        ResilientStore store = hairTrigger(Duration.ofSeconds(5));
        assertThatThrownBy(() -> Stages.join(store.getSession(ref))).hasMessageContaining("down for the test");
        tier.down = false;
        tier.coldUntil(Long.MAX_VALUE);

        assertThatThrownBy(() -> Stages.join(store.getSession(ref))).isInstanceOf(StoreTimeoutException.class)
                .hasMessageContaining("within " + TIMEOUT.toMillis() + " ms");
    }

    @Test
    void aRefusedCallIsRetriedButOneThatUsedItsWholeTimeLimitIsNot() {
        ResilientStore store = guarded(ResilienceConfig.builder().timeout(TIMEOUT).retryAttempts(3)
                .retryWait(Duration.ZERO).build());
        Stages.join(store.createSession(session()));
        tier.down = true;
        int before = tier.calls.get();
        assertThatThrownBy(() -> Stages.join(store.getSession(ref))).hasMessageContaining("down for the test");
        assertThat(tier.calls.get() - before).as("attempts of a refused read").isEqualTo(3);

        tier.down = false;
        tier.coldUntil(Long.MAX_VALUE);
        before = tier.calls.get();
        assertThatThrownBy(() -> Stages.join(store.getSession(ref))).isInstanceOf(StoreTimeoutException.class);
        assertThat(tier.calls.get() - before).as("attempts of a read a frozen tier never answered").isEqualTo(1);
    }

    private Session session() {
        return Session.create(ref, "user-1", null, Instant.now());
    }

    /**
     * A map-backed tier that can be down (each call fails at once, as a refused connection does) or
     * cold (each call answers only once its channel is up, as a new gRPC client's calls do).
     */
    private final class Tier {
        private final MapMemoryStore data = MapMemoryStore.create();
        private volatile boolean down;
        final AtomicInteger calls = new AtomicInteger();
        private volatile long channelUpAt = System.nanoTime();
        final MemoryStore store = (MemoryStore) Proxy.newProxyInstance(MemoryStore.class.getClassLoader(),
                new Class<?>[] {MemoryStore.class}, (proxy, method, args) -> {
                    if (!CompletionStage.class.isAssignableFrom(method.getReturnType())) {
                        return method.invoke(data, args);
                    }
                    calls.incrementAndGet();
                    if (down) {
                        return CompletableFuture.failedFuture(new StoreUnavailableException("tier", "down for the test", null));
                    }
                    CompletionStage<?> answer;
                    try {
                        answer = (CompletionStage<?>) method.invoke(data, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    return answer.thenCompose(this::whenChannelIsUp);
                });

        void coldUntil(long nanos) {
            channelUpAt = nanos;
        }

        private <T> CompletionStage<T> whenChannelIsUp(T value) {
            long upAt = channelUpAt;
            if (upAt == Long.MAX_VALUE) {
                return new CompletableFuture<>(); // frozen: never answers
            }
            long wait = upAt - System.nanoTime();
            if (wait <= 0) {
                return CompletableFuture.completedFuture(value);
            }
            CompletableFuture<T> later = new CompletableFuture<>();
            scheduler.schedule(() -> later.complete(value), wait, TimeUnit.NANOSECONDS);
            return later;
        }
    }
}
