package dev.mnemo;

import dev.mnemo.spi.ConfigKey;
import dev.mnemo.spi.ConfigReader;
import dev.mnemo.spi.StoreConfig;
import java.time.Duration;
import java.util.List;

/**
 * How one tier is guarded: a count-based circuit breaker, a time limit on every call, and
 * retries of idempotent calls. The defaults suit a chat backend: a tier that fails half of its
 * last 10 calls, once it has had at least 5, is skipped for 2 s, then probed again by a cheap
 * health check. Read with {@link #from(StoreConfig, String)} from the keys {@code mnemo.resilience.*}
 * (every tier) and {@code mnemo.<tier>.resilience.*} (one tier), such as
 * {@code mnemo.redis.resilience.timeout=500ms}, each declared once below; built with {@link #builder()};
 * set per tier with {@code Mnemo.Builder.resilience(tier, config)}.
 *
 * <p>A slow call is not an outage: a call whose work grows with its size gets time in proportion
 * (a batch of n writes gets {@code timeout + n * timePerWrite}), and a purge, whose work grows with
 * the session, gets {@link #purgeTimeout()}. Nor is a cold start: until a tier's first call ends,
 * its calls get {@link #setupTimeout()}, since the first call of a new client also pays for
 * opening its channel (a gRPC connection, TLS, class loading), which on a busy machine takes
 * seconds. One slow call never opens the breaker either way: it decides only after
 * {@link #minimumCalls()} calls, by their failure rate.
 *
 * @param slidingWindowSize    {@link #SLIDING_WINDOW_SIZE}
 * @param minimumCalls         {@link #MINIMUM_CALLS}
 * @param failureRateThreshold {@link #FAILURE_RATE_THRESHOLD}
 * @param waitInOpen           {@link #WAIT_IN_OPEN}
 * @param halfOpenCalls        {@link #HALF_OPEN_CALLS}
 * @param timeout              {@link #TIMEOUT}
 * @param setupTimeout         {@link #SETUP_TIMEOUT}
 * @param timePerWrite         {@link #TIME_PER_WRITE}
 * @param purgeTimeout         {@link #PURGE_TIMEOUT}
 * @param retryAttempts        {@link #RETRY_ATTEMPTS}
 * @param retryWait            {@link #RETRY_WAIT}
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

    private static final Duration SHORTEST = Duration.ofMillis(1);

    /** {@code mnemo.resilience.sliding-window-size}. */
    public static final ConfigKey<Integer> SLIDING_WINDOW_SIZE = ConfigKey.integer("mnemo.resilience.sliding-window-size",
            DEFAULT_SLIDING_WINDOW_SIZE, 1, Integer.MAX_VALUE, "calls a tier's breaker takes its failure rate over");
    /** {@code mnemo.resilience.minimum-calls}. */
    public static final ConfigKey<Integer> MINIMUM_CALLS = ConfigKey.integer("mnemo.resilience.minimum-calls",
            DEFAULT_MINIMUM_CALLS, 1, Integer.MAX_VALUE, "calls before the failure rate counts: one slow call never opens a breaker");
    /** {@code mnemo.resilience.failure-rate-threshold}. */
    public static final ConfigKey<Integer> FAILURE_RATE_THRESHOLD = ConfigKey.integer(
            "mnemo.resilience.failure-rate-threshold", DEFAULT_FAILURE_RATE_THRESHOLD, 1, 100,
            "percent of failed calls that opens a tier's breaker");
    /** {@code mnemo.resilience.wait-in-open}. */
    public static final ConfigKey<Duration> WAIT_IN_OPEN = ConfigKey.duration("mnemo.resilience.wait-in-open",
            DEFAULT_WAIT_IN_OPEN, SHORTEST, "how long an open breaker skips its tier before probing it");
    /** {@code mnemo.resilience.half-open-calls}. */
    public static final ConfigKey<Integer> HALF_OPEN_CALLS = ConfigKey.integer("mnemo.resilience.half-open-calls",
            DEFAULT_HALF_OPEN_CALLS, 1, Integer.MAX_VALUE, "probe calls that decide whether a breaker closes");
    /** {@code mnemo.resilience.timeout}. */
    public static final ConfigKey<Duration> TIMEOUT = ConfigKey.duration("mnemo.resilience.timeout", DEFAULT_TIMEOUT,
            SHORTEST, "time limit of one call to a tier");
    /** {@code mnemo.resilience.setup-timeout}. */
    public static final ConfigKey<Duration> SETUP_TIMEOUT = ConfigKey.duration("mnemo.resilience.setup-timeout",
            DEFAULT_SETUP_TIMEOUT, SHORTEST, "time limit of the calls made before a tier's first call ends, so a new"
                    + " client's channel set-up (gRPC, TLS, class loading) is not taken for an outage");
    /** {@code mnemo.resilience.time-per-write}. */
    public static final ConfigKey<Duration> TIME_PER_WRITE = ConfigKey.duration("mnemo.resilience.time-per-write",
            DEFAULT_TIME_PER_WRITE, Duration.ZERO, "what a batch's time limit adds per write (a message counts one more per 16 KiB)");
    /** {@code mnemo.resilience.purge-timeout}. */
    public static final ConfigKey<Duration> PURGE_TIMEOUT = ConfigKey.duration("mnemo.resilience.purge-timeout",
            DEFAULT_PURGE_TIMEOUT, SHORTEST, "time limit of a purge of a session or a user");
    /** {@code mnemo.resilience.retry-attempts}. */
    public static final ConfigKey<Integer> RETRY_ATTEMPTS = ConfigKey.integer("mnemo.resilience.retry-attempts",
            DEFAULT_RETRY_ATTEMPTS, 1, Integer.MAX_VALUE, "attempts of an idempotent call that failed fast, the first included (a call that timed out is not retried)");
    /** {@code mnemo.resilience.retry-wait}. */
    public static final ConfigKey<Duration> RETRY_WAIT = ConfigKey.duration("mnemo.resilience.retry-wait",
            DEFAULT_RETRY_WAIT, Duration.ZERO, "the pause between attempts of an idempotent call");
    /** The keys of every tier, {@code mnemo.resilience.*}. */
    public static final List<ConfigKey<?>> SHARED_KEYS = List.of(TIMEOUT, SETUP_TIMEOUT, TIME_PER_WRITE, PURGE_TIMEOUT,
            SLIDING_WINDOW_SIZE, MINIMUM_CALLS, FAILURE_RATE_THRESHOLD, WAIT_IN_OPEN, HALF_OPEN_CALLS, RETRY_ATTEMPTS,
            RETRY_WAIT);
    /** The keys of one tier, {@code mnemo.<tier>.resilience.*}, in the order of {@link #SHARED_KEYS}. */
    public static final List<ConfigKey<?>> TIER_KEYS = SHARED_KEYS.stream().<ConfigKey<?>>map(ResilienceConfig::perTier).toList();
    /** Every key of these settings. */
    public static final List<ConfigKey<?>> KEYS = java.util.stream.Stream.concat(SHARED_KEYS.stream(), TIER_KEYS.stream())
            .toList();

    /** Checks each value and puts the bad one in the message. */
    public ResilienceConfig {
        SLIDING_WINDOW_SIZE.require(slidingWindowSize);
        MINIMUM_CALLS.require(minimumCalls);
        FAILURE_RATE_THRESHOLD.require(failureRateThreshold);
        WAIT_IN_OPEN.require(waitInOpen);
        HALF_OPEN_CALLS.require(halfOpenCalls);
        TIMEOUT.require(timeout);
        SETUP_TIMEOUT.require(setupTimeout);
        TIME_PER_WRITE.require(timePerWrite);
        PURGE_TIMEOUT.require(purgeTimeout);
        RETRY_ATTEMPTS.require(retryAttempts);
        RETRY_WAIT.require(retryWait);
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
        ConfigReader reader = config.reader();
        ResilienceConfig read = new ResilienceConfig(
                read(reader, SLIDING_WINDOW_SIZE, tier), read(reader, MINIMUM_CALLS, tier),
                read(reader, FAILURE_RATE_THRESHOLD, tier), read(reader, WAIT_IN_OPEN, tier),
                read(reader, HALF_OPEN_CALLS, tier), read(reader, TIMEOUT, tier), read(reader, SETUP_TIMEOUT, tier),
                read(reader, TIME_PER_WRITE, tier), read(reader, PURGE_TIMEOUT, tier), read(reader, RETRY_ATTEMPTS, tier),
                read(reader, RETRY_WAIT, tier));
        reader.validate();
        return read;
    }

    /** @return the tier's own value of {@code shared}, else the value of every tier, else the default */
    private static <T> T read(ConfigReader reader, ConfigKey<T> shared, String tier) {
        ConfigKey<T> own = perTier(shared).forTier(tier);
        return reader.isSet(own) ? reader.get(own) : reader.get(shared);
    }

    private static <T> ConfigKey<T> perTier(ConfigKey<T> shared) {
        String suffix = shared.name().substring("mnemo.resilience.".length());
        return shared.twin("mnemo." + ConfigKey.TIER + ".resilience." + suffix, "for one tier: " + shared.description(),
                shared.name());
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
