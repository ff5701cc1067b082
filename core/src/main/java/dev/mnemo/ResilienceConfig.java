package dev.mnemo;

import dev.mnemo.spi.ConfigReader;
import dev.mnemo.spi.StoreConfig;
import java.time.Duration;

/**
 * How one tier is guarded: a count-based circuit breaker, a time limit on every call, and
 * retries of idempotent calls. The defaults suit a chat backend: a tier that fails half of its
 * last 10 calls, once it has had at least 5, is skipped for 2 s, then probed again by a cheap
 * health check. Read with {@link #from(StoreConfig, String)} from keys below {@code mnemo.resilience.} (every tier) and
 * {@code mnemo.<tier>.resilience.} (one tier), such as {@code mnemo.redis.resilience.timeout=500ms};
 * built with {@link #builder()}; set per tier with {@code Mnemo.Builder.resilience(tier, config)}.
 *
 * <p>A slow call is not an outage: a call whose work grows with its size gets time in proportion
 * (a batch of n writes gets {@code timeout + n * timePerWrite}), and a purge, whose work grows with
 * the session, gets {@link #purgeTimeout()}. Nor is a cold start: until a tier's first call ends,
 * its calls get {@link #setupTimeout()}, since the first call of a new client also pays for
 * opening its channel (a gRPC connection, TLS, class loading), which on a busy machine takes
 * seconds. One slow call never opens the breaker either way: it decides only after
 * {@link #minimumCalls()} calls, by their failure rate.
 *
 * @param slidingWindowSize    {@code sliding-window-size}: calls the failure rate is taken over, default {@value #DEFAULT_SLIDING_WINDOW_SIZE}
 * @param minimumCalls         {@code minimum-calls}: calls before the rate counts, default {@value #DEFAULT_MINIMUM_CALLS}
 * @param failureRateThreshold {@code failure-rate-threshold}: percent of failed calls that opens the breaker, default {@value #DEFAULT_FAILURE_RATE_THRESHOLD}
 * @param waitInOpen           {@code wait-in-open}: how long an open breaker skips the tier, default 2 s
 * @param halfOpenCalls        {@code half-open-calls}: probe calls that decide whether to close, default {@value #DEFAULT_HALF_OPEN_CALLS}
 * @param timeout              {@code timeout}: the time limit of one call, default 3 s
 * @param setupTimeout         {@code setup-timeout}: the time limit of the calls made before the tier's first call
 *                             ended (answered, or failed: a tier down from the start is not setting up), when longer
 *                             than their own; default 10 s. The tier's own limit, such as {@code mnemo.firestore.timeout},
 *                             still applies
 * @param timePerWrite         {@code time-per-write}: what a batch's time limit adds per write it holds, default 10 ms
 * @param purgeTimeout         {@code purge-timeout}: the time limit of a purge (a session or a user), default 2 minutes
 * @param retryAttempts        {@code retry-attempts}: attempts of an idempotent call, the first included, default {@value #DEFAULT_RETRY_ATTEMPTS}
 * @param retryWait            {@code retry-wait}: the pause between attempts, default 50 ms
 */
public record ResilienceConfig(int slidingWindowSize, int minimumCalls, int failureRateThreshold, Duration waitInOpen,
                               int halfOpenCalls, Duration timeout, Duration setupTimeout, Duration timePerWrite,
                               Duration purgeTimeout, int retryAttempts, Duration retryWait) {

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
    /** Default time limit of the calls before a tier first answered: room for a cold client to open its channel. */
    public static final Duration DEFAULT_SETUP_TIMEOUT = Duration.ofSeconds(10);
    /** Default time a batch's limit adds per write. */
    public static final Duration DEFAULT_TIME_PER_WRITE = Duration.ofMillis(10);
    /** Default time limit of a purge. */
    public static final Duration DEFAULT_PURGE_TIMEOUT = Duration.ofMinutes(2);
    /** Default attempts of an idempotent call. */
    public static final int DEFAULT_RETRY_ATTEMPTS = 2;
    /** Default pause between attempts. */
    public static final Duration DEFAULT_RETRY_WAIT = Duration.ofMillis(50);

    /** Checks each value and puts the bad one in the message. */
    public ResilienceConfig {
        check(slidingWindowSize >= 1, "slidingWindowSize", slidingWindowSize);
        check(minimumCalls >= 1, "minimumCalls", minimumCalls);
        check(failureRateThreshold >= 1 && failureRateThreshold <= 100, "failureRateThreshold", failureRateThreshold);
        check(positive(waitInOpen), "waitInOpen", waitInOpen);
        check(halfOpenCalls >= 1, "halfOpenCalls", halfOpenCalls);
        check(positive(timeout), "timeout", timeout);
        check(positive(setupTimeout), "setupTimeout", setupTimeout);
        check(timePerWrite != null && !timePerWrite.isNegative(), "timePerWrite", timePerWrite);
        check(positive(purgeTimeout), "purgeTimeout", purgeTimeout);
        check(retryAttempts >= 1, "retryAttempts", retryAttempts);
        check(retryWait != null && !retryWait.isNegative(), "retryWait", retryWait);
    }

    /** @return the defaults */
    public static ResilienceConfig ofDefaults() {
        return builder().build();
    }

    /** @return a builder starting from the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder starting from this configuration */
    public Builder toBuilder() {
        return new Builder().slidingWindowSize(slidingWindowSize).minimumCalls(minimumCalls)
                .failureRateThreshold(failureRateThreshold).waitInOpen(waitInOpen).halfOpenCalls(halfOpenCalls)
                .timeout(timeout).setupTimeout(setupTimeout).timePerWrite(timePerWrite).purgeTimeout(purgeTimeout)
                .retryAttempts(retryAttempts).retryWait(retryWait);
    }

    /** @return the time limit of a batch of {@code writes} writes */
    public Duration batchTimeout(int writes) {
        return timeout.plus(timePerWrite.multipliedBy(Math.max(0, writes)));
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
                reader.duration("setup-timeout", defaults.setupTimeout, Duration.ofMillis(1)),
                reader.duration("time-per-write", defaults.timePerWrite, Duration.ZERO),
                reader.duration("purge-timeout", defaults.purgeTimeout, Duration.ofMillis(1)),
                reader.integer("retry-attempts", defaults.retryAttempts, 1),
                reader.duration("retry-wait", defaults.retryWait, Duration.ZERO));
        reader.validate();
        return read;
    }

    private static boolean positive(Duration value) {
        return value != null && !value.isNegative() && !value.isZero();
    }

    private static void check(boolean valid, String name, Object value) {
        if (!valid) {
            throw new InvalidInputException("Invalid resilience setting " + name + ": " + value);
        }
    }

    /** Builds a {@link ResilienceConfig}; every setter is optional and checked when built. */
    public static final class Builder {
        private int slidingWindowSize = DEFAULT_SLIDING_WINDOW_SIZE;
        private int minimumCalls = DEFAULT_MINIMUM_CALLS;
        private int failureRateThreshold = DEFAULT_FAILURE_RATE_THRESHOLD;
        private Duration waitInOpen = DEFAULT_WAIT_IN_OPEN;
        private int halfOpenCalls = DEFAULT_HALF_OPEN_CALLS;
        private Duration timeout = DEFAULT_TIMEOUT;
        private Duration setupTimeout = DEFAULT_SETUP_TIMEOUT;
        private Duration timePerWrite = DEFAULT_TIME_PER_WRITE;
        private Duration purgeTimeout = DEFAULT_PURGE_TIMEOUT;
        private int retryAttempts = DEFAULT_RETRY_ATTEMPTS;
        private Duration retryWait = DEFAULT_RETRY_WAIT;

        private Builder() {
        }

        /** @param value see {@link ResilienceConfig#slidingWindowSize()}; @return this builder */
        public Builder slidingWindowSize(int value) {
            this.slidingWindowSize = value;
            return this;
        }

        /** @param value see {@link ResilienceConfig#minimumCalls()}; @return this builder */
        public Builder minimumCalls(int value) {
            this.minimumCalls = value;
            return this;
        }

        /** @param value see {@link ResilienceConfig#failureRateThreshold()}; @return this builder */
        public Builder failureRateThreshold(int value) {
            this.failureRateThreshold = value;
            return this;
        }

        /** @param value see {@link ResilienceConfig#waitInOpen()}; @return this builder */
        public Builder waitInOpen(Duration value) {
            this.waitInOpen = value;
            return this;
        }

        /** @param value see {@link ResilienceConfig#halfOpenCalls()}; @return this builder */
        public Builder halfOpenCalls(int value) {
            this.halfOpenCalls = value;
            return this;
        }

        /** @param value see {@link ResilienceConfig#timeout()}; @return this builder */
        public Builder timeout(Duration value) {
            this.timeout = value;
            return this;
        }

        /** @param value see {@link ResilienceConfig#setupTimeout()}; @return this builder */
        public Builder setupTimeout(Duration value) {
            this.setupTimeout = value;
            return this;
        }

        /** @param value see {@link ResilienceConfig#timePerWrite()}; @return this builder */
        public Builder timePerWrite(Duration value) {
            this.timePerWrite = value;
            return this;
        }

        /** @param value see {@link ResilienceConfig#purgeTimeout()}; @return this builder */
        public Builder purgeTimeout(Duration value) {
            this.purgeTimeout = value;
            return this;
        }

        /** @param value see {@link ResilienceConfig#retryAttempts()}; @return this builder */
        public Builder retryAttempts(int value) {
            this.retryAttempts = value;
            return this;
        }

        /** @param value see {@link ResilienceConfig#retryWait()}; @return this builder */
        public Builder retryWait(Duration value) {
            this.retryWait = value;
            return this;
        }

        /**
         * @return the configuration
         * @throws InvalidInputException naming the first bad value
         */
        public ResilienceConfig build() {
            return new ResilienceConfig(slidingWindowSize, minimumCalls, failureRateThreshold, waitInOpen,
                    halfOpenCalls, timeout, setupTimeout, timePerWrite, purgeTimeout, retryAttempts, retryWait);
        }
    }
}
