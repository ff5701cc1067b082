package dev.mnemo.analytics;

import dev.mnemo.InvalidInputException;
import dev.mnemo.spi.ConfigReader;
import dev.mnemo.spi.StoreConfig;
import java.time.Duration;

/**
 * Settings of {@link SessionAnalytics}, immutable; read with {@link #from(StoreConfig)} from keys
 * below {@code mnemo.analytics.}, or built with {@link #builder()}.
 *
 * @param sink           {@code mnemo.analytics.sink}: the name of the sink to use, such as
 *                       {@code firestore} or {@code logging}; empty (the default) takes the available
 *                       sink of highest priority. Ignored when a sink is given to the builder
 * @param idleTimeout    {@code mnemo.analytics.idle-timeout}: how long a session may be idle before the
 *                       sweep ends it and writes its batch as expired. {@link Duration#ZERO} (the
 *                       default) takes the shortest TTL of the tiers, the first to forget an idle
 *                       session, else {@link #FALLBACK_IDLE_TIMEOUT} (2 h)
 * @param sweepInterval  {@code mnemo.analytics.sweep-interval}: how often each process looks for
 *                       sessions that are due: idle, or ended and not yet written. Default 30 s
 * @param sweepLimit     {@code mnemo.analytics.sweep-limit}: the most due sessions one sweep takes.
 *                       Default {@value #DEFAULT_SWEEP_LIMIT}
 * @param lease          {@code mnemo.analytics.lease}: how long a process that writes a batch holds
 *                       its session before another may take it over (should the first have died).
 *                       Default 60 s
 * @param retryBackoff   {@code mnemo.analytics.retry-backoff}: the wait before the first retry of a
 *                       failed sink write; it doubles with each failure. Default 1 s
 * @param maxRetryBackoff {@code mnemo.analytics.max-retry-backoff}: the longest wait between retries.
 *                       Default 5 min
 * @param sinkTimeout    {@code mnemo.analytics.sink-timeout}: the longest a sink write may take before
 *                       it counts as failed and is retried. Default 30 s
 * @param retention      {@code mnemo.analytics.retention}: how long a buffer is kept after its last
 *                       write, which bounds how long a batch can wait for a sink that is down.
 *                       Default 7 days
 * @param maxQueryChars  {@code mnemo.analytics.max-query-chars}: queries longer than this are cut to it
 *                       before they are buffered. Default {@value #DEFAULT_MAX_QUERY_CHARS}
 */
public record AnalyticsConfig(String sink, Duration idleTimeout, Duration sweepInterval, int sweepLimit, Duration lease,
                              Duration retryBackoff, Duration maxRetryBackoff, Duration sinkTimeout, Duration retention,
                              int maxQueryChars) {

    /** The prefix of every key. */
    public static final String PREFIX = "mnemo.analytics";
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

    private static final Duration MIN_DURATION = Duration.ofMillis(1);

    /** Checks each value and puts the bad one in the message. */
    public AnalyticsConfig {
        sink = sink == null ? DEFAULT_SINK : sink.trim();
        if (idleTimeout == null || idleTimeout.isNegative()) {
            throw new InvalidInputException("idleTimeout must be zero (the tiers' TTL) or positive, was " + idleTimeout);
        }
        requirePositive("sweepInterval", sweepInterval);
        requirePositive("lease", lease);
        requirePositive("retryBackoff", retryBackoff);
        requirePositive("maxRetryBackoff", maxRetryBackoff);
        requirePositive("sinkTimeout", sinkTimeout);
        requirePositive("retention", retention);
        if (sweepLimit < 1) {
            throw new InvalidInputException("sweepLimit must be at least 1, was " + sweepLimit);
        }
        if (maxQueryChars < 1) {
            throw new InvalidInputException("maxQueryChars must be at least 1, was " + maxQueryChars);
        }
        if (maxRetryBackoff.compareTo(retryBackoff) < 0) {
            throw new InvalidInputException("maxRetryBackoff (" + maxRetryBackoff + ") must be at least retryBackoff ("
                    + retryBackoff + ")");
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
        ConfigReader reader = config.reader(PREFIX);
        Builder builder = builder()
                .sink(reader.string("sink", DEFAULT_SINK))
                .idleTimeout(reader.duration("idle-timeout", DEFAULT_IDLE_TIMEOUT, Duration.ZERO))
                .sweepInterval(reader.duration("sweep-interval", DEFAULT_SWEEP_INTERVAL, MIN_DURATION))
                .sweepLimit(reader.integer("sweep-limit", DEFAULT_SWEEP_LIMIT, 1))
                .lease(reader.duration("lease", DEFAULT_LEASE, MIN_DURATION))
                .retryBackoff(reader.duration("retry-backoff", DEFAULT_RETRY_BACKOFF, MIN_DURATION))
                .maxRetryBackoff(reader.duration("max-retry-backoff", DEFAULT_MAX_RETRY_BACKOFF, MIN_DURATION))
                .sinkTimeout(reader.duration("sink-timeout", DEFAULT_SINK_TIMEOUT, MIN_DURATION))
                .retention(reader.duration("retention", DEFAULT_RETENTION, MIN_DURATION))
                .maxQueryChars(reader.integer("max-query-chars", DEFAULT_MAX_QUERY_CHARS, 1));
        if (builder.maxRetryBackoff.compareTo(builder.retryBackoff) < 0) {
            reader.reject("max-retry-backoff", "must be at least retry-backoff (" + builder.retryBackoff + ")");
        }
        reader.validate();
        return builder.build();
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.compareTo(MIN_DURATION) < 0) {
            throw new InvalidInputException(name + " must be at least 1 ms, was " + value);
        }
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
