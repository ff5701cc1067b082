package dev.mnemo.store.redis;

import dev.mnemo.InvalidInputException;
import dev.mnemo.spi.support.Ids;
import dev.mnemo.spi.ConfigReader;
import dev.mnemo.spi.StoreConfig;
import dev.mnemo.store.redis.internal.RedisUris;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * Settings of a {@link RedisStore}, immutable. Read from a {@link StoreConfig} with
 * {@link #from(StoreConfig)} (keys below {@code mnemo.redis.}) or built with {@link #builder()}.
 *
 * <p>Forms of {@code mnemo.redis.uri}: in {@link Mode#STANDALONE} one URI, {@code redis://},
 * {@code rediss://} (TLS), {@code redis-sentinel://} or {@code rediss-sentinel://} (the master is
 * found through Sentinel, named by the fragment: {@code redis-sentinel://s1:26379,s2:26379#mymaster});
 * in {@link Mode#CLUSTER} one or more comma-separated seed nodes, {@code redis://} or
 * {@code rediss://}, from which the whole topology is discovered. Credentials go in the URI
 * ({@code redis://user:password@host}) and are masked in {@link #toString()}.
 *
 * @param uri              {@code mnemo.redis.uri}: where Redis is, default {@value #DEFAULT_URI}
 * @param mode             {@code mnemo.redis.mode}: {@code standalone} (also Sentinel) or
 *                         {@code cluster}, default {@code standalone}
 * @param windowSize       {@code mnemo.redis.window-size}: the latest messages kept per session,
 *                         1 to {@value #MAX_WINDOW_SIZE}, default {@value #DEFAULT_WINDOW_SIZE}
 * @param ttl              {@code mnemo.redis.ttl}: how long an idle session lives, refreshed on every
 *                         write to it (by an append once less than 99% of it is left, so a session
 *                         may expire up to 1% early), at least 100 ms, default 2 hours
 * @param keyPrefix        {@code mnemo.redis.key-prefix}: the first part of every key, 1 to 64
 *                         characters of {@code [A-Za-z0-9._:-]}, default {@value #DEFAULT_KEY_PREFIX}
 * @param commandTimeout   {@code mnemo.redis.command-timeout}: how long a command, and a connection
 *                         attempt, may take before its stage fails, at least 1 ms, default 2 seconds
 * @param requestQueueSize {@code mnemo.redis.request-queue-size}: the most commands waiting for a
 *                         reply per connection; more fail at once, default {@value #DEFAULT_REQUEST_QUEUE_SIZE}
 * @param reconnectDelay   {@code mnemo.redis.reconnect-delay}: the pause between reconnection
 *                         attempts after a connection is lost, at least 1 ms, default 200 ms
 * @param journalLimit     {@code mnemo.redis.journal-limit}: the most messages of one session that
 *                         may wait in the journal for the durable tier (see
 *                         {@link dev.mnemo.spi.DurableJournal}); an append past it is refused with
 *                         {@link dev.mnemo.StoreUnavailableException}. At least 1, default
 *                         {@value #DEFAULT_JOURNAL_LIMIT}
 * @param journalLease     {@code mnemo.redis.journal-lease}: how long a session's journal belongs to
 *                         the process that wrote or claimed it before any other process may flush
 *                         it; the owner renews it while it flushes. At least 100 ms, default 5 seconds
 */
public record RedisStoreConfig(String uri, Mode mode, int windowSize, Duration ttl, String keyPrefix,
                               Duration commandTimeout, int requestQueueSize, Duration reconnectDelay,
                               int journalLimit, Duration journalLease) {

    /** The default URI: a local server on the standard port. */
    public static final String DEFAULT_URI = "redis://localhost:6379";
    /** The default mode: one server, or a master found through Sentinel. */
    public static final Mode DEFAULT_MODE = Mode.STANDALONE;
    /** The default window: the 50 latest messages of each session. */
    public static final int DEFAULT_WINDOW_SIZE = 50;
    /** The largest window: appends and late inserts cost up to the window's length. */
    public static final int MAX_WINDOW_SIZE = 10_000;
    /** The default idle expiry of a session: 2 hours. */
    public static final Duration DEFAULT_TTL = Duration.ofHours(2);
    /** The default first part of every key. */
    public static final String DEFAULT_KEY_PREFIX = "mnemo";
    /** The default command timeout: 2 seconds. */
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(2);
    /** The default bound of the request queue: 10,000 commands per connection. */
    public static final int DEFAULT_REQUEST_QUEUE_SIZE = 10_000;
    /** The default pause between reconnection attempts: 200 ms. */
    public static final Duration DEFAULT_RECONNECT_DELAY = Duration.ofMillis(200);
    /** The default bound of a session's journal: 10,000 messages. */
    public static final int DEFAULT_JOURNAL_LIMIT = 10_000;
    /** The default lease of a session's journal: 5 seconds. */
    public static final Duration DEFAULT_JOURNAL_LEASE = Duration.ofSeconds(5);

    private static final String PREFIX = "mnemo.redis";
    private static final Duration MIN_TTL = Duration.ofMillis(100);
    private static final Duration MIN_DURATION = Duration.ofMillis(1);
    private static final int MAX_KEY_PREFIX_LENGTH = 64;

    /** How the store reaches Redis. */
    public enum Mode {
        /** One server, given directly or as the master a Sentinel names. */
        STANDALONE,
        /** A Redis Cluster, discovered from one or more seed nodes. */
        CLUSTER
    }

    /** Checks every value and names each bad one with the value it had. */
    public RedisStoreConfig {
        Objects.requireNonNull(mode, "mode");
        List<String> problems = new ArrayList<>();
        check(uri, mode, windowSize, ttl, keyPrefix, commandTimeout, requestQueueSize, reconnectDelay, journalLimit,
                journalLease, (name, message) -> problems.add(PREFIX + "." + name + ": " + message));
        if (!problems.isEmpty()) {
            throw InvalidInputException.of("Redis store configuration", problems);
        }
    }

    /** @return the defaults */
    public static RedisStoreConfig ofDefaults() {
        return builder().build();
    }

    /** @return a builder starting from the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder starting from this configuration */
    public Builder toBuilder() {
        return new Builder().uri(uri).mode(mode).windowSize(windowSize).ttl(ttl).keyPrefix(keyPrefix)
                .commandTimeout(commandTimeout).requestQueueSize(requestQueueSize).reconnectDelay(reconnectDelay)
                .journalLimit(journalLimit).journalLease(journalLease);
    }

    /**
     * @param config the configuration to read
     * @return the settings it holds below {@code mnemo.redis.}
     * @throws InvalidInputException listing every bad key at once
     */
    public static RedisStoreConfig from(StoreConfig config) {
        ConfigReader reader = config.reader(PREFIX);
        String uri = reader.string("uri", DEFAULT_URI);
        Mode mode = reader.enumValue("mode", DEFAULT_MODE);
        // Ranges are checked once, below, by the same code the builder runs; the reader only parses.
        int windowSize = reader.integer("window-size", DEFAULT_WINDOW_SIZE, Integer.MIN_VALUE);
        Duration ttl = reader.duration("ttl", DEFAULT_TTL, Duration.ZERO);
        String keyPrefix = reader.string("key-prefix", DEFAULT_KEY_PREFIX);
        Duration commandTimeout = reader.duration("command-timeout", DEFAULT_COMMAND_TIMEOUT, Duration.ZERO);
        int requestQueueSize = reader.integer("request-queue-size", DEFAULT_REQUEST_QUEUE_SIZE, Integer.MIN_VALUE);
        Duration reconnectDelay = reader.duration("reconnect-delay", DEFAULT_RECONNECT_DELAY, Duration.ZERO);
        int journalLimit = reader.integer("journal-limit", DEFAULT_JOURNAL_LIMIT, Integer.MIN_VALUE);
        Duration journalLease = reader.duration("journal-lease", DEFAULT_JOURNAL_LEASE, Duration.ZERO);
        check(uri, mode, windowSize, ttl, keyPrefix, commandTimeout, requestQueueSize, reconnectDelay, journalLimit,
                journalLease, reader::reject);
        reader.validate();
        return new RedisStoreConfig(uri, mode, windowSize, ttl, keyPrefix, commandTimeout, requestQueueSize,
                reconnectDelay, journalLimit, journalLease);
    }

    /** @return the settings with any password in the URI masked, safe to log */
    @Override
    public String toString() {
        return "RedisStoreConfig[uri=" + RedisUris.masked(uri) + ", mode=" + mode + ", windowSize=" + windowSize
                + ", ttl=" + ttl + ", keyPrefix=" + keyPrefix + ", commandTimeout=" + commandTimeout
                + ", requestQueueSize=" + requestQueueSize + ", reconnectDelay=" + reconnectDelay
                + ", journalLimit=" + journalLimit + ", journalLease=" + journalLease + "]";
    }

    private static void check(String uri, Mode mode, int windowSize, Duration ttl, String keyPrefix,
                              Duration commandTimeout, int requestQueueSize, Duration reconnectDelay, int journalLimit,
                              Duration journalLease, BiConsumer<String, String> reject) {
        try {
            RedisUris.parse(uri, mode == Mode.CLUSTER);
        } catch (IllegalArgumentException e) {
            reject.accept("uri", e.getMessage());
        }
        if (windowSize < 1 || windowSize > MAX_WINDOW_SIZE) {
            reject.accept("window-size", "expected 1 to " + MAX_WINDOW_SIZE + " messages, was " + windowSize);
        }
        atLeast("ttl", ttl, MIN_TTL, reject);
        try {
            Ids.check("key prefix", keyPrefix, MAX_KEY_PREFIX_LENGTH);
        } catch (InvalidInputException e) {
            reject.accept("key-prefix", e.getMessage());
        }
        atLeast("command-timeout", commandTimeout, MIN_DURATION, reject);
        if (requestQueueSize < 1) {
            reject.accept("request-queue-size", "expected at least 1 command, was " + requestQueueSize);
        }
        atLeast("reconnect-delay", reconnectDelay, MIN_DURATION, reject);
        if (journalLimit < 1) {
            reject.accept("journal-limit", "expected at least 1 message, was " + journalLimit);
        }
        atLeast("journal-lease", journalLease, MIN_TTL, reject);
    }

    private static void atLeast(String name, Duration value, Duration min, BiConsumer<String, String> reject) {
        if (value == null || value.compareTo(min) < 0) {
            reject.accept(name, "expected at least " + min.toMillis() + " ms, was " + value);
        }
    }

    /** Builds a {@link RedisStoreConfig}; every setter is optional. */
    public static final class Builder {
        private String uri = DEFAULT_URI;
        private Mode mode = DEFAULT_MODE;
        private int windowSize = DEFAULT_WINDOW_SIZE;
        private Duration ttl = DEFAULT_TTL;
        private String keyPrefix = DEFAULT_KEY_PREFIX;
        private Duration commandTimeout = DEFAULT_COMMAND_TIMEOUT;
        private int requestQueueSize = DEFAULT_REQUEST_QUEUE_SIZE;
        private Duration reconnectDelay = DEFAULT_RECONNECT_DELAY;
        private int journalLimit = DEFAULT_JOURNAL_LIMIT;
        private Duration journalLease = DEFAULT_JOURNAL_LEASE;

        private Builder() {
        }

        /** @param uri see {@link RedisStoreConfig#uri()}; @return this builder */
        public Builder uri(String uri) {
            this.uri = uri;
            return this;
        }

        /** @param mode see {@link RedisStoreConfig#mode()}; @return this builder */
        public Builder mode(Mode mode) {
            this.mode = mode;
            return this;
        }

        /** @param windowSize see {@link RedisStoreConfig#windowSize()}; @return this builder */
        public Builder windowSize(int windowSize) {
            this.windowSize = windowSize;
            return this;
        }

        /** @param ttl see {@link RedisStoreConfig#ttl()}; @return this builder */
        public Builder ttl(Duration ttl) {
            this.ttl = ttl;
            return this;
        }

        /** @param keyPrefix see {@link RedisStoreConfig#keyPrefix()}; @return this builder */
        public Builder keyPrefix(String keyPrefix) {
            this.keyPrefix = keyPrefix;
            return this;
        }

        /** @param commandTimeout see {@link RedisStoreConfig#commandTimeout()}; @return this builder */
        public Builder commandTimeout(Duration commandTimeout) {
            this.commandTimeout = commandTimeout;
            return this;
        }

        /** @param requestQueueSize see {@link RedisStoreConfig#requestQueueSize()}; @return this builder */
        public Builder requestQueueSize(int requestQueueSize) {
            this.requestQueueSize = requestQueueSize;
            return this;
        }

        /** @param reconnectDelay see {@link RedisStoreConfig#reconnectDelay()}; @return this builder */
        public Builder reconnectDelay(Duration reconnectDelay) {
            this.reconnectDelay = reconnectDelay;
            return this;
        }

        /** @param journalLimit see {@link RedisStoreConfig#journalLimit()}; @return this builder */
        public Builder journalLimit(int journalLimit) {
            this.journalLimit = journalLimit;
            return this;
        }

        /** @param journalLease see {@link RedisStoreConfig#journalLease()}; @return this builder */
        public Builder journalLease(Duration journalLease) {
            this.journalLease = journalLease;
            return this;
        }

        /**
         * @return the configuration
         * @throws InvalidInputException naming every bad value
         */
        public RedisStoreConfig build() {
            return new RedisStoreConfig(uri, mode, windowSize, ttl, keyPrefix, commandTimeout, requestQueueSize,
                    reconnectDelay, journalLimit, journalLease);
        }
    }
}
