package dev.mnemo.store.redis;

import dev.mnemo.InvalidInputException;
import dev.mnemo.spi.ConfigKey;
import dev.mnemo.spi.ConfigReader;
import dev.mnemo.spi.StoreConfig;
import dev.mnemo.spi.support.Ids;
import dev.mnemo.store.redis.internal.RedisUris;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Settings of a {@link RedisStore}, immutable. Read from a {@link StoreConfig} with
 * {@link #from(StoreConfig)} (keys below {@code mnemo.redis.}) or built with {@link #builder()};
 * each is declared once as a {@link ConfigKey} constant below, which gives its name, default and
 * the values it takes.
 *
 * <p>Forms of {@code mnemo.redis.uri}: in {@link Mode#STANDALONE} one URI, {@code redis://},
 * {@code rediss://} (TLS), {@code redis-sentinel://} or {@code rediss-sentinel://} (the master is
 * found through Sentinel, named by the fragment: {@code redis-sentinel://s1:26379,s2:26379#mymaster});
 * in {@link Mode#CLUSTER} one or more comma-separated seed nodes, {@code redis://} or
 * {@code rediss://}, from which the whole topology is discovered. Credentials go in the URI
 * ({@code redis://user:password@host}) and are masked in {@link #toString()} and in errors.
 *
 * @param uri              {@link #URI}: where Redis is, default {@value #DEFAULT_URI}; the tier is
 *                         only available when the key is set
 * @param mode             {@link #MODE}: {@code standalone} (also Sentinel) or {@code cluster},
 *                         default {@code standalone}
 * @param windowSize       {@link #WINDOW_SIZE}: the latest messages kept per session,
 *                         1 to {@value #MAX_WINDOW_SIZE}, default {@value #DEFAULT_WINDOW_SIZE}
 * @param ttl              {@link #TTL}: how long an idle session lives, refreshed on every write to
 *                         it (by an append once less than 99% of it is left, so a session may expire
 *                         up to 1% early), at least 100 ms, default 2 hours
 * @param keyPrefix        {@link #KEY_PREFIX}: the first part of every key, 1 to 64 characters of
 *                         {@code [A-Za-z0-9._-]} (no {@code :}, which separates the parts of a key),
 *                         default {@value #DEFAULT_KEY_PREFIX}
 * @param commandTimeout   {@link #COMMAND_TIMEOUT}: how long a command, and a connection attempt,
 *                         may take before its stage fails, at least 1 ms, default 2 seconds
 * @param requestQueueSize {@link #REQUEST_QUEUE_SIZE}: the most commands waiting for a reply per
 *                         connection; more fail at once, default {@value #DEFAULT_REQUEST_QUEUE_SIZE}
 * @param reconnectDelay   {@link #RECONNECT_DELAY}: the first pause between reconnection attempts after
 *                         a connection is lost, doubling up to 2 s, at least 1 ms, default 200 ms
 * @param journalLimit     {@link #JOURNAL_LIMIT}: the most messages of one session that may wait in
 *                         the journal for the durable tier (see {@link dev.mnemo.spi.DurableJournal});
 *                         an append past it is refused with {@link dev.mnemo.StoreUnavailableException}.
 *                         At least 1, default {@value #DEFAULT_JOURNAL_LIMIT}
 * @param journalLease     {@link #JOURNAL_LEASE}: how long a session's journal belongs to the process
 *                         that wrote or claimed it before any other process may flush it; the owner
 *                         renews it while it flushes. At least 100 ms, default 5 seconds
 * @param minReplicasAcked {@link #MIN_REPLICAS_ACKED}: how many replicas must confirm a journaled write
 *                         ({@code WAIT}, for three quarters of the command timeout) before it is acknowledged;
 *                         fewer fail it with {@link dev.mnemo.StoreUnavailableException}. 0 to
 *                         {@value #MAX_REPLICAS}, standalone mode only, default 0: replication is asynchronous
 * @param tls              {@link RedisTls}: the CA, client certificate and verification of a
 *                         {@code rediss://} URI; default {@link RedisTls#DEFAULTS}
 */
public record RedisStoreConfig(String uri, Mode mode, int windowSize, Duration ttl, String keyPrefix,
                               Duration commandTimeout, int requestQueueSize, Duration reconnectDelay,
                               int journalLimit, Duration journalLease, int minReplicasAcked, RedisTls tls) {

    /** The default URI: a local server on the standard port. */
    public static final String DEFAULT_URI = "redis://localhost:6379";
    /** The default mode: one server, or a master found through Sentinel. */
    public static final Mode DEFAULT_MODE = Mode.STANDALONE;
    /** The default window: the 100 latest messages of each session, what a policy with no fixed window reads. */
    public static final int DEFAULT_WINDOW_SIZE = 100;
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

    /** The most replicas {@link #minReplicasAcked()} may ask for. */
    public static final int MAX_REPLICAS = 16;

    private static final Duration MIN_TTL = Duration.ofMillis(100);
    private static final Duration MIN_DURATION = Duration.ofMillis(1);
    private static final int MAX_KEY_PREFIX_LENGTH = 64;
    private static final String CLUSTER_WAIT = "takes standalone mode (one server, or a master found through Sentinel):"
            + " in a Cluster, WAIT would go to another node than the write";

    /**
     * {@code mnemo.redis.uri}: where Redis is; setting it turns the tier on. Secret: it may hold a
     * password, so errors show it masked or not at all. Which forms it takes depends on {@link #MODE}.
     */
    public static final ConfigKey<String> URI = ConfigKey.string("mnemo.redis.uri", DEFAULT_URI,
            "redis://, rediss://, redis-sentinel://h1,h2#master (cluster: comma-separated seed URIs); user and"
                    + " password in the URI").secret().describedDefault("none (tier off)");
    /** {@code mnemo.redis.mode}: one server (or Sentinel) or a Cluster. */
    public static final ConfigKey<Mode> MODE = ConfigKey.enumValue("mnemo.redis.mode", DEFAULT_MODE,
            "standalone (one server, or a master found through Sentinel) or cluster, which takes comma-separated"
                    + " seed URIs");
    /** {@code mnemo.redis.window-size}: the latest messages kept per session. */
    public static final ConfigKey<Integer> WINDOW_SIZE = ConfigKey.integer("mnemo.redis.window-size",
            DEFAULT_WINDOW_SIZE, 1, MAX_WINDOW_SIZE, "the latest messages Redis keeps per session");
    /** {@code mnemo.redis.ttl}: the idle expiry of a session. */
    public static final ConfigKey<Duration> TTL = ConfigKey.duration("mnemo.redis.ttl", DEFAULT_TTL, MIN_TTL,
            "idle expiry of a session, refreshed on every write (by an append once under 99% of it is left)");
    /** {@code mnemo.redis.key-prefix}: the first part of every key. */
    public static final ConfigKey<String> KEY_PREFIX = ConfigKey.string("mnemo.redis.key-prefix", DEFAULT_KEY_PREFIX,
            "the first part of every Redis key, 1 to 64 of [A-Za-z0-9._-], so several applications share a server")
            .check(RedisStoreConfig::keyPrefixProblem);
    /** {@code mnemo.redis.command-timeout}: how long a command or a connection attempt may take. */
    public static final ConfigKey<Duration> COMMAND_TIMEOUT = ConfigKey.duration("mnemo.redis.command-timeout",
            DEFAULT_COMMAND_TIMEOUT, MIN_DURATION, "how long a command, or a connection attempt, may take before it fails");
    /** {@code mnemo.redis.request-queue-size}: commands waiting for a reply per connection. */
    public static final ConfigKey<Integer> REQUEST_QUEUE_SIZE = ConfigKey.integer("mnemo.redis.request-queue-size",
            DEFAULT_REQUEST_QUEUE_SIZE, 1, Integer.MAX_VALUE,
            "commands waiting for a reply per connection; more, and every command while disconnected, fail at once");
    /** {@code mnemo.redis.reconnect-delay}: the pause between reconnection attempts. */
    public static final ConfigKey<Duration> RECONNECT_DELAY = ConfigKey.duration("mnemo.redis.reconnect-delay",
            DEFAULT_RECONNECT_DELAY, MIN_DURATION, "the first pause between reconnection attempts after a connection is lost; it doubles up to 2s");
    /** {@code mnemo.redis.journal-limit}: messages one session's journal holds. */
    public static final ConfigKey<Integer> JOURNAL_LIMIT = ConfigKey.integer("mnemo.redis.journal-limit",
            DEFAULT_JOURNAL_LIMIT, 1, Integer.MAX_VALUE,
            "messages one session's journal holds for the durable tier before appends are refused");
    /** {@code mnemo.redis.journal-lease}: how long a journal belongs to one process. */
    public static final ConfigKey<Duration> JOURNAL_LEASE = ConfigKey.duration("mnemo.redis.journal-lease",
            DEFAULT_JOURNAL_LEASE, MIN_TTL,
            "how long a journal belongs to the process that wrote or claimed it before another may flush it");
    /** {@code mnemo.redis.min-replicas-acked}: replicas that must hold a journaled write before it is acknowledged. */
    public static final ConfigKey<Integer> MIN_REPLICAS_ACKED = ConfigKey.integer("mnemo.redis.min-replicas-acked", 0, 0,
            MAX_REPLICAS, "replicas that must confirm a journaled write (WAIT, within the command timeout) before it is"
                    + " acknowledged; fewer fail it as an outage. 0: asynchronous replication, a failover may lose the"
                    + " last moments of acknowledged writes");
    /** The keys of these settings, in the order of the key table, the TLS ones ({@link RedisTls#KEYS}) included. */
    public static final List<ConfigKey<?>> KEYS = Stream.concat(Stream.of(URI, MODE,
            WINDOW_SIZE, TTL, KEY_PREFIX, COMMAND_TIMEOUT, REQUEST_QUEUE_SIZE, RECONNECT_DELAY, JOURNAL_LIMIT,
            JOURNAL_LEASE, MIN_REPLICAS_ACKED), RedisTls.KEYS.stream()).toList();

    /** How the store reaches Redis. */
    public enum Mode {
        /** One server, given directly or as the master a Sentinel names. */
        STANDALONE,
        /** A Redis Cluster, discovered from one or more seed nodes. */
        CLUSTER
    }

    /** Checks each value and puts the bad one in the message; a password in the URI is masked. */
    public RedisStoreConfig {
        URI.require(uri);
        MODE.require(mode);
        Objects.requireNonNull(tls, "tls");
        String uriProblem = uriProblem(uri, mode, tls);
        if (uriProblem != null) {
            throw new InvalidInputException(URI.name() + ": " + uriProblem);
        }
        WINDOW_SIZE.require(windowSize);
        TTL.require(ttl);
        KEY_PREFIX.require(keyPrefix);
        COMMAND_TIMEOUT.require(commandTimeout);
        REQUEST_QUEUE_SIZE.require(requestQueueSize);
        RECONNECT_DELAY.require(reconnectDelay);
        JOURNAL_LIMIT.require(journalLimit);
        JOURNAL_LEASE.require(journalLease);
        MIN_REPLICAS_ACKED.require(minReplicasAcked);
        if (mode == Mode.CLUSTER && minReplicasAcked > 0) {
            throw new InvalidInputException(MIN_REPLICAS_ACKED.name() + ": " + CLUSTER_WAIT);
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
                .journalLimit(journalLimit).journalLease(journalLease).minReplicasAcked(minReplicasAcked).tls(tls);
    }

    /**
     * @param config the configuration to read
     * @return the settings it holds below {@code mnemo.redis.}
     * @throws InvalidInputException listing every bad key at once
     */
    public static RedisStoreConfig from(StoreConfig config) {
        ConfigReader reader = config.reader();
        String uri = reader.get(URI);
        Mode mode = reader.get(MODE);
        RedisTls tls = RedisTls.from(reader);
        String uriProblem = uriProblem(uri, mode, tls);
        if (uriProblem != null) {
            reader.reject(URI, uriProblem);
        }
        int windowSize = reader.get(WINDOW_SIZE);
        Duration ttl = reader.get(TTL);
        String keyPrefix = reader.get(KEY_PREFIX);
        Duration commandTimeout = reader.get(COMMAND_TIMEOUT);
        int requestQueueSize = reader.get(REQUEST_QUEUE_SIZE);
        Duration reconnectDelay = reader.get(RECONNECT_DELAY);
        int journalLimit = reader.get(JOURNAL_LIMIT);
        Duration journalLease = reader.get(JOURNAL_LEASE);
        int minReplicasAcked = reader.get(MIN_REPLICAS_ACKED);
        if (mode == Mode.CLUSTER && minReplicasAcked > 0) {
            reader.reject(MIN_REPLICAS_ACKED, CLUSTER_WAIT);
        }
        reader.validate();
        return new RedisStoreConfig(uri, mode, windowSize, ttl, keyPrefix, commandTimeout, requestQueueSize,
                reconnectDelay, journalLimit, journalLease, minReplicasAcked, tls);
    }

    /** @return the settings with any password in the URI masked, safe to log */
    @Override
    public String toString() {
        return "RedisStoreConfig[uri=" + RedisUris.masked(uri) + ", mode=" + mode + ", windowSize=" + windowSize
                + ", ttl=" + ttl + ", keyPrefix=" + keyPrefix + ", commandTimeout=" + commandTimeout
                + ", requestQueueSize=" + requestQueueSize + ", reconnectDelay=" + reconnectDelay
                + ", journalLimit=" + journalLimit + ", journalLease=" + journalLease + ", minReplicasAcked="
                + minReplicasAcked + ", tls=" + tls + "]";
    }

    /**
     * The forms a URI takes depend on the mode, and TLS settings need a TLS URI, so this rule spans
     * several keys; its message masks any password.
     */
    private static @Nullable String uriProblem(String uri, Mode mode, RedisTls tls) {
        try {
            boolean plain = RedisUris.parse(uri, mode == Mode.CLUSTER).stream().anyMatch(parsed -> !parsed.isSsl());
            return tls.isSet() && plain ? "mnemo.redis.tls.* is set, so expected a rediss:// (or rediss-sentinel://)"
                    + " URI, was '" + RedisUris.masked(uri) + "'" : null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** A prefix holds no {@code :}, as a namespace holds none, so no two (prefix, namespace) pairs share a key. */
    private static @Nullable String keyPrefixProblem(String keyPrefix) {
        try {
            Ids.checkKeyPart("key prefix", keyPrefix, MAX_KEY_PREFIX_LENGTH);
            return null;
        } catch (InvalidInputException e) {
            return e.getMessage();
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
        private int minReplicasAcked;
        private RedisTls tls = RedisTls.DEFAULTS;

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

        /** @param minReplicasAcked see {@link RedisStoreConfig#minReplicasAcked()}; @return this builder */
        public Builder minReplicasAcked(int minReplicasAcked) {
            this.minReplicasAcked = minReplicasAcked;
            return this;
        }

        /** @param tls see {@link RedisStoreConfig#tls()}; @return this builder */
        public Builder tls(RedisTls tls) {
            this.tls = tls;
            return this;
        }

        /**
         * @return the configuration
         * @throws InvalidInputException naming every bad value
         */
        public RedisStoreConfig build() {
            return new RedisStoreConfig(uri, mode, windowSize, ttl, keyPrefix, commandTimeout, requestQueueSize,
                    reconnectDelay, journalLimit, journalLease, minReplicasAcked, tls);
        }
    }
}
