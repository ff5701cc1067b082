package dev.mnemo.internal;

import dev.mnemo.spi.support.Stages;
import dev.mnemo.Message;
import dev.mnemo.MnemoException;
import dev.mnemo.ResilienceConfig;
import dev.mnemo.Session;
import dev.mnemo.State;
import dev.mnemo.StateDelta;
import dev.mnemo.StoreTimeoutException;
import dev.mnemo.StoreUnavailableException;
import dev.mnemo.Summary;
import dev.mnemo.spi.AppendOutcome;
import dev.mnemo.spi.Capabilities;
import dev.mnemo.spi.Health;
import dev.mnemo.spi.MemoryStore;
import dev.mnemo.spi.SessionRef;
import dev.mnemo.spi.Window;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.timelimiter.TimeLimiter;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A tier behind its own circuit breaker, time limit and retries: the one place resilience is
 * applied, so no tier implements it. Only outages ({@link Outages#isOutage}) count as failures;
 * only idempotent calls are retried (reads, appends — idempotent by id — and state, session and
 * purge writes; not the end claim or the summary compare-and-set). Every failure the caller sees
 * is a {@link MnemoException}: an open breaker or a driver error as
 * {@link StoreUnavailableException}, a passed time limit as {@link StoreTimeoutException}.
 *
 * <p>Time limits follow the work ({@link TimeLimits}): a purge gets {@link ResilienceConfig#purgeTimeout()},
 * and a call of an optional capability ({@link #capability}) that carries collections, such as a
 * batch commit, gets {@link ResilienceConfig#batchTimeout(int)} of the elements it carries (a
 * message of content counting one more per 16 KiB). Capabilities are passed on wrapped
 * ({@link GuardedCapabilities}): each of their calls that returns a stage goes through the same
 * breaker and a time limit, without retries (their callers retry on their own schedule); an SPI
 * object a capability hands out, such as an {@link dev.mnemo.spi.AnalyticsBuffer}, is wrapped alike.
 *
 * <p>Until the tier's first call ends, each call's time limit is at least
 * {@link ResilienceConfig#setupTimeout()}: a new client's first calls also open its channel, and a
 * cold start that took them for an outage would open the breaker before the tier ever served. A
 * first call that fails ends the set-up too: a tier down or frozen from the start had its chance,
 * and is then found out at the usual pace.
 */
public final class ResilientStore implements MemoryStore {

    private static final Logger LOG = LoggerFactory.getLogger(ResilientStore.class);

    private final MemoryStore delegate;
    private final CircuitBreaker breaker;
    private final TimeLimits limits;
    private final GuardedCapabilities proxies;
    private final Retry retry;
    private final ScheduledExecutorService scheduler;
    private final RouterMetrics metrics;

    /**
     * @param delegate  the tier
     * @param config    its breaker, time limit and retry settings
     * @param scheduler runs time limits and retry pauses
     * @param metrics   where call latencies go
     */
    public ResilientStore(MemoryStore delegate, ResilienceConfig config, ScheduledExecutorService scheduler,
                          RouterMetrics metrics) {
        this.delegate = delegate;
        this.scheduler = scheduler;
        this.metrics = metrics;
        this.breaker = CircuitBreaker.of(delegate.name(), CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(config.slidingWindowSize())
                .minimumNumberOfCalls(config.minimumCalls())
                .failureRateThreshold(config.failureRateThreshold())
                .waitDurationInOpenState(config.waitInOpen())
                .permittedNumberOfCallsInHalfOpenState(config.halfOpenCalls())
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .recordException(Outages::isOutage)
                .build());
        this.limits = new TimeLimits(config);
        this.proxies = new GuardedCapabilities(limits,
                (operation, limit, call) -> guard(operation, false, limit, call));
        this.retry = Retry.of(delegate.name(), RetryConfig.custom()
                .maxAttempts(config.retryAttempts())
                .waitDuration(config.retryWait())
                .retryOnException(ResilientStore::worthRetrying)
                .build());
        OutageLog.attach(delegate.name(), breaker);
    }

    /** @return the tier's circuit breaker, for listeners, health and metrics */
    public CircuitBreaker breaker() {
        return breaker;
    }

    /** @return whether calls go through now: the breaker is closed, or half-open and probing */
    public boolean isCallable() {
        return breaker.getState() != CircuitBreaker.State.OPEN && breaker.getState() != CircuitBreaker.State.FORCED_OPEN;
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public Capabilities capabilities() {
        return delegate.capabilities();
    }

    @Override
    public CompletionStage<Session> createSession(Session session) {
        return guard("createSession", true, () -> delegate.createSession(session));
    }

    @Override
    public CompletionStage<Optional<Session>> getSession(SessionRef ref) {
        return guard("getSession", true, () -> delegate.getSession(ref));
    }

    @Override
    public CompletionStage<Void> touchSession(SessionRef ref) {
        return guard("touchSession", true, () -> delegate.touchSession(ref));
    }

    @Override
    public CompletionStage<Boolean> endSession(SessionRef ref, dev.mnemo.SessionEnd end) {
        return guard("endSession", false, () -> delegate.endSession(ref, end));
    }

    @Override
    public CompletionStage<Void> updateMetadata(SessionRef ref, java.util.Map<String, ? extends @Nullable Object> changes) {
        return guard("updateMetadata", true, () -> delegate.updateMetadata(ref, changes));
    }

    @Override
    public CompletionStage<Boolean> deleteSession(SessionRef ref) {
        return guard("deleteSession", true, limits.purge(), () -> delegate.deleteSession(ref));
    }

    @Override
    public CompletionStage<Integer> deleteUser(String namespace, String userId) {
        return guard("deleteUser", true, limits.purge(), () -> delegate.deleteUser(namespace, userId));
    }

    @Override
    public CompletionStage<List<Session>> listSessions(String namespace, String userId, int limit) {
        return guard("listSessions", true, () -> delegate.listSessions(namespace, userId, limit));
    }

    @Override
    public CompletionStage<AppendOutcome> append(SessionRef ref, List<Message> messages) {
        return guard("append", true, () -> delegate.append(ref, messages));
    }

    @Override
    public CompletionStage<List<Message>> lastMessages(SessionRef ref, int k) {
        return guard("lastMessages", true, () -> delegate.lastMessages(ref, k));
    }

    @Override
    public CompletionStage<List<Message>> messagesAfter(SessionRef ref, UUID afterId, int limit) {
        return guard("messagesAfter", true, () -> delegate.messagesAfter(ref, afterId, limit));
    }

    @Override
    public CompletionStage<Optional<Summary>> getSummary(SessionRef ref) {
        return guard("getSummary", true, () -> delegate.getSummary(ref));
    }

    @Override
    public CompletionStage<Boolean> compareAndSetSummary(SessionRef ref, long expectedVersion, Summary summary) {
        return guard("compareAndSetSummary", false, () -> delegate.compareAndSetSummary(ref, expectedVersion, summary));
    }

    @Override
    public CompletionStage<State> getState(SessionRef ref) {
        return guard("getState", true, () -> delegate.getState(ref));
    }

    @Override
    public CompletionStage<Void> applyState(SessionRef ref, StateDelta delta) {
        return guard("applyState", true, () -> delegate.applyState(ref, delta));
    }

    @Override
    public CompletionStage<Window> readWindow(SessionRef ref, int k, boolean withState) {
        return guard("readWindow", true, () -> delegate.readWindow(ref, k, withState));
    }

    /** The wrapped tier's capability, each call behind this breaker and a time limit that follows its work. */
    @Override
    public <T> Optional<T> capability(Class<T> type) {
        return delegate.capability(type).map(found -> proxies.wrap(type, found));
    }

    /** The tier's own health check, through the breaker so that a probe can close it. */
    @Override
    public CompletionStage<Health> health() {
        return guard("health", false, () -> delegate.health().thenApply(health -> {
            if (!health.up()) {
                throw new StoreUnavailableException(name(), health.detail(), null);
            }
            return health;
        }));
    }

    @Override
    public void close() {
        delegate.close();
    }

    private <T> CompletionStage<T> guard(String operation, boolean idempotent, Supplier<CompletionStage<T>> call) {
        return guard(operation, idempotent, limits.call(), call);
    }

    private <T> CompletionStage<T> guard(String operation, boolean idempotent, TimeLimiter timeLimiter,
                                         Supplier<CompletionStage<T>> call) {
        long start = System.nanoTime();
        AtomicReference<TimeLimiter> lastLimit = new AtomicReference<>(timeLimiter);
        Supplier<CompletionStage<T>> limited = () -> {
            TimeLimiter limit = limits.attempt(timeLimiter);
            lastLimit.set(limit); // chosen per attempt: a retry after the set-up has the usual limit
            return limit.executeCompletionStage(scheduler, () -> Stages.call(call))
                    .whenComplete((value, error) -> limits.ended());
        };
        Supplier<CompletionStage<T>> broken = () -> breaker.executeCompletionStage(limited);
        CompletionStage<T> guarded = idempotent ? retry.executeCompletionStage(scheduler, broken) : broken.get();
        CompletableFuture<T> result = new CompletableFuture<>();
        guarded.whenComplete((value, error) -> {
            metrics.recordCall(name(), operation, System.nanoTime() - start, error == null || !Outages.isOutage(error));
            if (error == null) {
                result.complete(value);
            } else {
                Throwable failure = translate(Stages.unwrap(error), lastLimit.get());
                if (Outages.isOutage(failure)) {
                    LOG.debug("Mnemo tier '{}': {} failed: {}", name(), operation, failure.toString());
                }
                result.completeExceptionally(failure);
            }
        });
        return result;
    }

    /**
     * An outage that failed fast (a refused connection, a reset) is worth another attempt; a call
     * that used its whole time limit is not: a frozen tier would only double the wait, past the
     * call deadline of the Mnemo call that is waiting for it, which a fallback tier could answer.
     */
    private static boolean worthRetrying(Throwable error) {
        Throwable cause = Stages.unwrap(error);
        return Outages.isOutage(cause) && !(cause instanceof CallNotPermittedException)
                && !(cause instanceof TimeoutException) && !(cause instanceof StoreTimeoutException);
    }

    private Throwable translate(Throwable error, TimeLimiter timeLimiter) {
        if (error instanceof MnemoException) {
            return error;
        }
        if (error instanceof TimeoutException) {
            return new StoreTimeoutException(name(), timeLimiter.getTimeLimiterConfig().getTimeoutDuration(), error);
        }
        if (error instanceof CallNotPermittedException) {
            return new StoreUnavailableException(name(), "circuit breaker is open", error);
        }
        return new StoreUnavailableException(name(), String.valueOf(error.getMessage()), error);
    }
}
