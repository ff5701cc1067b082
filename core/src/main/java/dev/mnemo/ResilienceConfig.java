package dev.mnemo;

import dev.mnemo.spi.ConfigReader;
import dev.mnemo.spi.StoreConfig;
import java.time.Duration;

/**
 * How one tier is guarded: a count-based circuit breaker, a time limit on every call, and
 * retries of idempotent calls. The defaults suit a chat backend: a tier that fails half of its
 * last 10 calls is skipped for 2 s, then probed again. Read with {@link #from(StoreConfig, String)}
 * from keys below {@code mnemo.resilience.} (every tier) and {@code mnemo.<tier>.resilience.}
 * (one tier), such as {@code mnemo.redis.resilience.timeout=500ms}.
 *
 * @param slidingWindowSize    {@code sliding-window-size}: calls the failure rate is taken over, default {@value #DEFAULT_SLIDING_WINDOW_SIZE}
 * @param minimumCalls         {@code minimum-calls}: calls before the rate counts, default {@value #DEFAULT_MINIMUM_CALLS}
 * @param failureRateThreshold {@code failure-rate-threshold}: percent of failed calls that opens the breaker, default {@value #DEFAULT_FAILURE_RATE_THRESHOLD}
 * @param waitInOpen           {@code wait-in-open}: how long an open breaker skips the tier, default 2 s
 * @param halfOpenCalls        {@code half-open-calls}: probe calls that decide whether to close, default {@value #DEFAULT_HALF_OPEN_CALLS}
 * @param timeout              {@code timeout}: the time limit of one call, default 3 s
 * @param retryAttempts        {@code retry-attempts}: attempts of an idempotent call, the first included, default {@value #DEFAULT_RETRY_ATTEMPTS}
 * @param retryWait            {@code retry-wait}: the pause between attempts, default 50 ms
 */
public record ResilienceConfig(int slidingWindowSize, int minimumCalls, int failureRateThreshold, Duration waitInOpen,
                               int halfOpenCalls, Duration timeout, int retryAttempts, Duration retryWait) {

    /** Default calls in the breaker's window. */
    public static final int DEFAULT_SLIDING_WINDOW_SIZE = 10;
    /** Default calls before the failure rate counts. */
    public static final int DEFAULT_MINIMUM_CALLS = 5;
    /** Default failure percentage that opens the breaker. */
    public static final int DEFAULT_FAILURE_RATE_THRESHOLD = 50;
    /** Default time an open breaker skips its tier. */
    public static final Duration DEFAULT_WAIT_IN_OPEN = Duration.ofSeconds(2);
    /** Default probe calls in half-open state. */
    public static final int DEFAULT_HALF_OPEN_CALLS = 2;
    /** Default time limit of one call. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);
    /** Default attempts of an idempotent call. */
    public static final int DEFAULT_RETRY_ATTEMPTS = 2;
    /** Default pause between attempts. */
    public static final Duration DEFAULT_RETRY_WAIT = Duration.ofMillis(50);

    /** Checks each value and puts the bad one in the message. */
    public ResilienceConfig {
        check(slidingWindowSize >= 1, "slidingWindowSize", slidingWindowSize);
        check(minimumCalls >= 1, "minimumCalls", minimumCalls);
        check(failureRateThreshold >= 1 && failureRateThreshold <= 100, "failureRateThreshold", failureRateThreshold);
        check(waitInOpen != null && !waitInOpen.isNegative() && !waitInOpen.isZero(), "waitInOpen", waitInOpen);
        check(halfOpenCalls >= 1, "halfOpenCalls", halfOpenCalls);
        check(timeout != null && !timeout.isNegative() && !timeout.isZero(), "timeout", timeout);
        check(retryAttempts >= 1, "retryAttempts", retryAttempts);
        check(retryWait != null && !retryWait.isNegative(), "retryWait", retryWait);
    }

    /** @return the defaults */
    public static ResilienceConfig ofDefaults() {
        return new ResilienceConfig(DEFAULT_SLIDING_WINDOW_SIZE, DEFAULT_MINIMUM_CALLS, DEFAULT_FAILURE_RATE_THRESHOLD,
                DEFAULT_WAIT_IN_OPEN, DEFAULT_HALF_OPEN_CALLS, DEFAULT_TIMEOUT, DEFAULT_RETRY_ATTEMPTS,
                DEFAULT_RETRY_WAIT);
    }

    /**
     * @param config the configuration
     * @param tier   the tier's name
     * @return the tier's settings: its own keys, else the keys of every tier, else the defaults
     * @throws InvalidInputException listing every bad key at once
     */
    public static ResilienceConfig from(StoreConfig config, String tier) {
        ResilienceConfig shared = read(config.reader("mnemo.resilience"), ofDefaults());
        return read(config.reader("mnemo." + tier + ".resilience"), shared);
    }

    private static ResilienceConfig read(ConfigReader reader, ResilienceConfig defaults) {
        ResilienceConfig read = new ResilienceConfig(
                reader.integer("sliding-window-size", defaults.slidingWindowSize, 1),
                reader.integer("minimum-calls", defaults.minimumCalls, 1),
                (int) reader.longValue("failure-rate-threshold", defaults.failureRateThreshold, 1, 100),
                reader.duration("wait-in-open", defaults.waitInOpen, Duration.ofMillis(1)),
                reader.integer("half-open-calls", defaults.halfOpenCalls, 1),
                reader.duration("timeout", defaults.timeout, Duration.ofMillis(1)),
                reader.integer("retry-attempts", defaults.retryAttempts, 1),
                reader.duration("retry-wait", defaults.retryWait, Duration.ZERO));
        reader.validate();
        return read;
    }

    private static void check(boolean valid, String name, Object value) {
        if (!valid) {
            throw new InvalidInputException("Invalid resilience setting " + name + ": " + value);
        }
    }
}
