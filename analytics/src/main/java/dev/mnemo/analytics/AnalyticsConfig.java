package dev.mnemo.analytics;

import dev.mnemo.InvalidInputException;
import dev.mnemo.spi.ConfigKey;
import dev.mnemo.spi.ConfigReader;
import dev.mnemo.spi.StoreConfig;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Settings of {@link SessionAnalytics}, immutable; read with {@link #from(StoreConfig)} from keys
 * below {@code mnemo.analytics.}, or built with {@link #builder()}; each is declared once as a
 * {@link ConfigKey} constant below, which gives its name, default and the values it takes.
 *
 * @param sink           {@link #SINK}: the name of the sink to use, such as {@code firestore} or
 *                       {@code logging}; empty (the default) takes the available sink of highest
 *                       priority. Ignored when a sink is given to the builder
 * @param idleTimeout    {@link #IDLE_TIMEOUT}: how long a session may be idle before the sweep ends
 *                       it and writes its batch as expired. {@link Duration#ZERO} (the default) takes
 *                       the shortest TTL of the tiers, the first to forget an idle session, else
 *                       {@link #FALLBACK_IDLE_TIMEOUT} (2 h)
 * @param sweepInterval  {@link #SWEEP_INTERVAL}: how often each process looks for sessions that are
 *                       due: idle, or ended and not yet written. Default 30 s
 * @param sweepLimit     {@link #SWEEP_LIMIT}: the most due sessions one sweep takes. Default
 *                       {@value #DEFAULT_SWEEP_LIMIT}
 * @param lease          {@link #LEASE}: how long a process that writes a batch holds its session
 *                       before another may take it over (should the first have died). Default 60 s
 * @param retryBackoff   {@link #RETRY_BACKOFF}: the wait before the first retry of a failed sink
 *                       write; it doubles with each failure. Default 1 s
 * @param maxRetryBackoff {@link #MAX_RETRY_BACKOFF}: the longest wait between retries, at least
 *                       {@code retryBackoff}. Default 5 min
 * @param sinkTimeout    {@link #SINK_TIMEOUT}: the longest a sink write may take before it counts as
 *                       failed and is retried. Default 30 s
 * @param retention      {@link #RETENTION}: how long a buffer is kept after its last write, which
 *                       bounds how long a batch can wait for a sink that is down. Default 7 days
 * @param maxQueryChars  {@link #MAX_QUERY_CHARS}: queries longer than this are cut to it before they
 *                       are buffered. Default {@value #DEFAULT_MAX_QUERY_CHARS}
 */
public record AnalyticsConfig(String sink, Duration idleTimeout, Duration sweepInterval, int sweepLimit, Duration lease,
                              Duration retryBackoff, Duration maxRetryBackoff, Duration sinkTimeout, Duration retention,
                              int maxQueryChars) {

    /** The default sink: none named, the available one of highest priority. */
    public static final String DEFAULT_SINK = "";
    /** The default idle timeout: zero, the shortest TTL of the tiers. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ZERO;
    /** The idle timeout when the default is asked for and no tier has a TTL: 2 hours. */
    public static final Duration FALLBACK_IDLE_TIMEOUT = Duration.ofHours(2);
    /** The default sweep interval: 30 seconds. */
    public static final Duration DEFAULT_SWEEP_INTERVAL = Duration.ofSeconds(30);
    /** The default number of sessions one sweep takes. */
    public static final int DEFAULT_SWEEP_LIMIT = 100;
    /** The default lease: 60 seconds. */
    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(60);
    /** The default first retry backoff: 1 second. */
    public static final Duration DEFAULT_RETRY_BACKOFF = Duration.ofSeconds(1);
    /** The default longest retry backoff: 5 minutes. */
    public static final Duration DEFAULT_MAX_RETRY_BACKOFF = Duration.ofMinutes(5);
    /** The default sink write timeout: 30 seconds. */
    public static final Duration DEFAULT_SINK_TIMEOUT = Duration.ofSeconds(30);
    /** The default retention of buffers: 7 days. */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(7);
    /** The default longest query kept. */
    public static final int DEFAULT_MAX_QUERY_CHARS = 1000;

    private static final Duration SHORTEST = Duration.ofMillis(1);

    /** {@code mnemo.analytics.sink}: the sink, by name. */
    public static final ConfigKey<String> SINK = ConfigKey.string("mnemo.analytics.sink", DEFAULT_SINK,
            "the analytics sink, such as firestore or logging")
            .describedDefault("highest-priority available: firestore when configured, else logging");
    /** {@code mnemo.analytics.idle-timeout}: when a session without an end counts as expired. */
    public static final ConfigKey<Duration> IDLE_TIMEOUT = ConfigKey.duration("mnemo.analytics.idle-timeout",
            DEFAULT_IDLE_TIMEOUT, Duration.ZERO, "how long a session may be idle before the sweep ends it as expired;"
                    + " 0 takes the shortest tier TTL").describedDefault("shortest tier TTL, else "
                    + ConfigKey.text(FALLBACK_IDLE_TIMEOUT));
    /** {@code mnemo.analytics.sweep-interval}: how often the sweep looks. */
    public static final ConfigKey<Duration> SWEEP_INTERVAL = ConfigKey.duration("mnemo.analytics.sweep-interval",
            DEFAULT_SWEEP_INTERVAL, SHORTEST, "how often each process looks for sessions that are idle, or ended and"
                    + " not yet written");
    /** {@code mnemo.analytics.sweep-limit}: the most sessions one sweep takes. */
    public static final ConfigKey<Integer> SWEEP_LIMIT = ConfigKey.integer("mnemo.analytics.sweep-limit",
            DEFAULT_SWEEP_LIMIT, 1, Integer.MAX_VALUE, "the most due sessions one sweep takes");
    /** {@code mnemo.analytics.lease}: how long a process writing a batch holds its session. */
    public static final ConfigKey<Duration> LEASE = ConfigKey.duration("mnemo.analytics.lease", DEFAULT_LEASE, SHORTEST,
            "how long a process that writes a batch holds its session before another may take it over");
    /** {@code mnemo.analytics.retry-backoff}: the first wait before retrying a sink. */
    public static final ConfigKey<Duration> RETRY_BACKOFF = ConfigKey.duration("mnemo.analytics.retry-backoff",
            DEFAULT_RETRY_BACKOFF, SHORTEST, "the wait before the first retry of a failed sink write; it doubles"
                    + " with each failure");
    /** {@code mnemo.analytics.max-retry-backoff}: the longest wait between retries. */
    public static final ConfigKey<Duration> MAX_RETRY_BACKOFF = ConfigKey.duration("mnemo.analytics.max-retry-backoff",
            DEFAULT_MAX_RETRY_BACKOFF, SHORTEST, "the longest wait between retries of a sink, at least retry-backoff");
    /** {@code mnemo.analytics.sink-timeout}: the longest a sink write may take. */
    public static final ConfigKey<Duration> SINK_TIMEOUT = ConfigKey.duration("mnemo.analytics.sink-timeout",
            DEFAULT_SINK_TIMEOUT, SHORTEST, "the longest a sink write may take before it counts as failed and is"
                    + " retried");
    /** {@code mnemo.analytics.retention}: how long a buffer waits for its sink. */
    public static final ConfigKey<Duration> RETENTION = ConfigKey.duration("mnemo.analytics.retention",
            DEFAULT_RETENTION, SHORTEST, "how long a buffer is kept after its last write: how long a batch can wait"
                    + " for a sink that is down");
    /** {@code mnemo.analytics.max-query-chars}: queries are cut to this length. */
    public static final ConfigKey<Integer> MAX_QUERY_CHARS = ConfigKey.integer("mnemo.analytics.max-query-chars",
            DEFAULT_MAX_QUERY_CHARS, 1, Integer.MAX_VALUE, "queries longer than this are cut to it before they are"
                    + " buffered");
    /** The keys of these settings, in the order of the key table. */
    public static final List<ConfigKey<?>> KEYS = List.of(SINK, IDLE_TIMEOUT, SWEEP_INTERVAL, SWEEP_LIMIT, LEASE,
            RETRY_BACKOFF, MAX_RETRY_BACKOFF, SINK_TIMEOUT, RETENTION, MAX_QUERY_CHARS);

    /** Checks each value and puts the bad one in the message. */
    public AnalyticsConfig {
        sink = sink == null ? DEFAULT_SINK : sink.trim();
        IDLE_TIMEOUT.require(idleTimeout);
        SWEEP_INTERVAL.require(sweepInterval);
        SWEEP_LIMIT.require(sweepLimit);
        LEASE.require(lease);
        RETRY_BACKOFF.require(retryBackoff);
        MAX_RETRY_BACKOFF.require(maxRetryBackoff);
        SINK_TIMEOUT.require(sinkTimeout);
        RETENTION.require(retention);
        MAX_QUERY_CHARS.require(maxQueryChars);
        String backoffProblem = backoffProblem(retryBackoff, maxRetryBackoff);
        if (backoffProblem != null) {
            throw new InvalidInputException(MAX_RETRY_BACKOFF.name() + ": " + backoffProblem);
        }
    }

    /** @return the defaults */
    public static AnalyticsConfig ofDefaults() {
        return builder().build();
    }

    /** @return a builder starting from the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder starting from this configuration */
    public Builder toBuilder() {
        return new Builder().sink(sink).idleTimeout(idleTimeout).sweepInterval(sweepInterval).sweepLimit(sweepLimit)
                .lease(lease).retryBackoff(retryBackoff).maxRetryBackoff(maxRetryBackoff).sinkTimeout(sinkTimeout)
                .retention(retention).maxQueryChars(maxQueryChars);
    }

    /**
     * @param config the configuration to read
     * @return the settings it holds
     * @throws InvalidInputException listing every bad key at once
     */
    public static AnalyticsConfig from(StoreConfig config) {
        ConfigReader reader = config.reader();
        String sink = reader.get(SINK);
        Duration idleTimeout = reader.get(IDLE_TIMEOUT);
        Duration sweepInterval = reader.get(SWEEP_INTERVAL);
        int sweepLimit = reader.get(SWEEP_LIMIT);
        Duration lease = reader.get(LEASE);
        Duration retryBackoff = reader.get(RETRY_BACKOFF);
        Duration maxRetryBackoff = reader.get(MAX_RETRY_BACKOFF);
        Duration sinkTimeout = reader.get(SINK_TIMEOUT);
        Duration retention = reader.get(RETENTION);
        int maxQueryChars = reader.get(MAX_QUERY_CHARS);
        String backoffProblem = backoffProblem(retryBackoff, maxRetryBackoff);
        if (backoffProblem != null) {
            reader.reject(MAX_RETRY_BACKOFF, backoffProblem);
        }
        reader.validate();
        return new AnalyticsConfig(sink, idleTimeout, sweepInterval, sweepLimit, lease, retryBackoff, maxRetryBackoff,
                sinkTimeout, retention, maxQueryChars);
    }

    /** The one rule that spans two keys. */
    private static @Nullable String backoffProblem(Duration retryBackoff, Duration maxRetryBackoff) {
        return maxRetryBackoff.compareTo(retryBackoff) < 0
                ? "expected at least " + RETRY_BACKOFF.name() + " (" + ConfigKey.text(retryBackoff) + "), was "
                + ConfigKey.text(maxRetryBackoff) : null;
    }

    /** Builds an {@link AnalyticsConfig}; each setter is optional. */
    public static final class Builder {
        private String sink = DEFAULT_SINK;
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
        private Duration sweepInterval = DEFAULT_SWEEP_INTERVAL;
        private int sweepLimit = DEFAULT_SWEEP_LIMIT;
        private Duration lease = DEFAULT_LEASE;
        private Duration retryBackoff = DEFAULT_RETRY_BACKOFF;
        private Duration maxRetryBackoff = DEFAULT_MAX_RETRY_BACKOFF;
        private Duration sinkTimeout = DEFAULT_SINK_TIMEOUT;
        private Duration retention = DEFAULT_RETENTION;
        private int maxQueryChars = DEFAULT_MAX_QUERY_CHARS;

        private Builder() {
        }

        /** @param name see {@link AnalyticsConfig#sink()}; @return this builder */
        public Builder sink(String name) {
            this.sink = name;
            return this;
        }

        /** @param timeout see {@link AnalyticsConfig#idleTimeout()}; @return this builder */
        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = timeout;
            return this;
        }

        /** @param interval see {@link AnalyticsConfig#sweepInterval()}; @return this builder */
        public Builder sweepInterval(Duration interval) {
            this.sweepInterval = interval;
            return this;
        }

        /** @param limit see {@link AnalyticsConfig#sweepLimit()}; @return this builder */
        public Builder sweepLimit(int limit) {
            this.sweepLimit = limit;
            return this;
        }

        /** @param lease see {@link AnalyticsConfig#lease()}; @return this builder */
        public Builder lease(Duration lease) {
            this.lease = lease;
            return this;
        }

        /** @param backoff see {@link AnalyticsConfig#retryBackoff()}; @return this builder */
        public Builder retryBackoff(Duration backoff) {
            this.retryBackoff = backoff;
            return this;
        }

        /** @param backoff see {@link AnalyticsConfig#maxRetryBackoff()}; @return this builder */
        public Builder maxRetryBackoff(Duration backoff) {
            this.maxRetryBackoff = backoff;
            return this;
        }

        /** @param timeout see {@link AnalyticsConfig#sinkTimeout()}; @return this builder */
        public Builder sinkTimeout(Duration timeout) {
            this.sinkTimeout = timeout;
            return this;
        }

        /** @param retention see {@link AnalyticsConfig#retention()}; @return this builder */
        public Builder retention(Duration retention) {
            this.retention = retention;
            return this;
        }

        /** @param characters see {@link AnalyticsConfig#maxQueryChars()}; @return this builder */
        public Builder maxQueryChars(int characters) {
            this.maxQueryChars = characters;
            return this;
        }

        /** @return the configuration, checked */
        public AnalyticsConfig build() {
            return new AnalyticsConfig(sink, idleTimeout, sweepInterval, sweepLimit, lease, retryBackoff,
                    maxRetryBackoff, sinkTimeout, retention, maxQueryChars);
        }
    }
}
