package dev.mnemo.internal;

import dev.mnemo.Message;
import dev.mnemo.ResilienceConfig;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The time limits of one tier's calls, which follow the work: {@link ResilienceConfig#timeout()} for
 * a call, {@link ResilienceConfig#purgeTimeout()} for a purge, and {@link ResilienceConfig#batchTimeout(int)}
 * of the elements a capability's call carries (a message of content counting one more per 16 KiB).
 * Until the tier's first call ends, answered or failed, each attempt's limit is at least
 * {@link ResilienceConfig#setupTimeout()}.
 */
final class TimeLimits {

    /** Characters of message content that count as one more write in a batch's time limit. */
    private static final int BYTES_PER_WRITE = 16 * 1024;

    private final ResilienceConfig config;
    private final TimeLimiter call;
    private final TimeLimiter purge;
    private final TimeLimiter setup;
    private final Map<Long, TimeLimiter> batches = new ConcurrentHashMap<>();
    /** Until the first call ends, answered or failed, calls get the set-up time limit. */
    private volatile boolean settingUp = true;

    /** @param config the tier's time limits */
    TimeLimits(ResilienceConfig config) {
        this.config = config;
        this.call = limiter(config.timeout());
        this.purge = limiter(config.purgeTimeout());
        this.setup = limiter(config.setupTimeout());
    }

    /** @return the limit of a call */
    TimeLimiter call() {
        return call;
    }

    /** @return the limit of a purge */
    TimeLimiter purge() {
        return purge;
    }

    /** @return the limit of a capability's call with these arguments, by the writes they carry */
    TimeLimiter batch(Object[] args) {
        return batch(work(args));
    }

    /**
     * @param limit the call's own limit
     * @return the limit of one attempt of the call: chosen per attempt, so a retry after the set-up
     *         has the usual limit
     */
    TimeLimiter attempt(TimeLimiter limit) {
        return settingUp ? longer(limit, setup) : limit;
    }

    /** Ends the set-up: a call ended, answered or failed. */
    void ended() {
        settingUp = false;
    }

    /**
     * @return the writes the collections and maps (of collections) among {@code args} hold, a
     *         message counting one more per {@value #BYTES_PER_WRITE} characters of content: a
     *         commit's time grows with its bytes as well as its documents
     */
    private static int work(Object[] args) {
        int work = 0;
        for (Object arg : args == null ? new Object[0] : args) {
            if (arg instanceof Collection<?> collection) {
                work += work(collection);
            } else if (arg instanceof Map<?, ?> map) {
                for (Object value : map.values()) {
                    work += 1 + (value instanceof Collection<?> collection ? work(collection) : 0);
                }
            }
        }
        return work;
    }

    private static int work(Collection<?> elements) {
        int work = 0;
        for (Object element : elements) {
            work += 1 + (element instanceof Message message ? message.content().length() / BYTES_PER_WRITE : 0);
        }
        return work;
    }

    /** @return the time limiter of a batch of {@code work} writes, one per 100 ms of limit, made once */
    private TimeLimiter batch(int work) {
        long millis = config.batchTimeout(work).toMillis();
        long rounded = (millis + 99) / 100 * 100;
        return batches.computeIfAbsent(rounded, limit -> limiter(Duration.ofMillis(limit)));
    }

    private static TimeLimiter limiter(Duration timeout) {
        return TimeLimiter.of(TimeLimiterConfig.custom().timeoutDuration(timeout).cancelRunningFuture(true).build());
    }

    private static TimeLimiter longer(TimeLimiter one, TimeLimiter other) {
        Duration first = one.getTimeLimiterConfig().getTimeoutDuration();
        return first.compareTo(other.getTimeLimiterConfig().getTimeoutDuration()) >= 0 ? one : other;
    }
}
