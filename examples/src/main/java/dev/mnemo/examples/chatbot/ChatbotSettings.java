package dev.mnemo.examples.chatbot;

import dev.mnemo.spi.ConfigKey;
import dev.mnemo.spi.ConfigReader;
import dev.mnemo.spi.StoreConfig;
import java.time.Duration;
import java.util.List;

/**
 * How the chatbot backend listens and what it lets one client use, read with
 * {@link #from(StoreConfig)} from keys below {@code mnemo.chatbot.} (system properties such as
 * {@code -Dmnemo.chatbot.port=9090}, or environment variables such as {@code MNEMO_CHATBOT_PORT});
 * each is declared once as a {@link ConfigKey} constant below, which gives its name, default and
 * the values it takes. The bearer tokens are read apart, by {@link BearerTokens#from(StoreConfig)}.
 *
 * @param host            {@link #HOST}: the address to listen on. Default {@value #DEFAULT_HOST},
 *                        loopback only; {@code 0.0.0.0} listens on every interface (put a
 *                        TLS-terminating proxy in front: tokens travel in a header)
 * @param port            {@link #PORT}: the port; 0 picks a free one. Default {@value #DEFAULT_PORT}
 * @param maxConnections  {@link #MAX_CONNECTIONS}: open connections at most; past it the server
 *                        stops accepting until one closes. Default {@value #DEFAULT_MAX_CONNECTIONS}
 * @param idleTimeout     {@link #IDLE_TIMEOUT}: a connection that sends nothing for this long, inside
 *                        a request's headers or body or between requests, is closed. Default 30 s
 * @param readTimeout     {@link #READ_TIMEOUT}: how long a request's body may take to arrive once its
 *                        headers are in, however steadily it trickles; past it the answer is 408 and
 *                        the connection is closed. Default 10 s
 * @param maxHeaderBytes  {@link #MAX_HEADER_BYTES}: the request line and headers at most; more is
 *                        answered 431. Default {@value #DEFAULT_MAX_HEADER_BYTES}
 * @param maxBodyBytes    {@link #MAX_BODY_BYTES}: a request body at most; a larger declared length is
 *                        answered 413 before any of it is read, and a chunked body is cut off with 413
 *                        as it passes the limit. Default {@value #DEFAULT_MAX_BODY_BYTES} (2 MiB): room
 *                        for a message of Mnemo's default {@code mnemo.max-content-bytes} (256 KiB) even
 *                        if each of its bytes were escaped in JSON as six characters; raise both together
 * @param threads         {@link #THREADS}: requests handled at once; each blocks its thread on Mnemo
 *                        and on the model. Default {@value #DEFAULT_THREADS}
 * @param queue           {@link #QUEUE}: requests that wait for a thread; past it the answer is 503
 *                        with {@code Retry-After}. Default {@value #DEFAULT_QUEUE}
 * @param ratePerMinute   {@link #RATE_PER_MINUTE}: requests one user may make per minute, on average;
 *                        past it the answer is 429 with {@code Retry-After}. Default
 *                        {@value #DEFAULT_RATE_PER_MINUTE}
 * @param rateBurst       {@link #RATE_BURST}: requests one user may make at once before the rate
 *                        applies. Default {@value #DEFAULT_RATE_BURST}
 * @param stopTimeout     {@link #STOP_TIMEOUT}: how long a stop lets requests in flight finish.
 *                        Default 5 s
 */
public record ChatbotSettings(String host, int port, int maxConnections, Duration idleTimeout, Duration readTimeout,
                              int maxHeaderBytes, int maxBodyBytes, int threads, int queue, int ratePerMinute,
                              int rateBurst, Duration stopTimeout) {

    /** Loopback: nothing off this machine can connect unless the host is set. */
    public static final String DEFAULT_HOST = "127.0.0.1";
    /** The default port. */
    public static final int DEFAULT_PORT = 8080;
    /** The default bound on open connections. */
    public static final int DEFAULT_MAX_CONNECTIONS = 512;
    /** The default idle timeout of a connection. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);
    /** The default time a request body may take to arrive. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(10);
    /** The default bound on a request's line and headers, in bytes. */
    public static final int DEFAULT_MAX_HEADER_BYTES = 8 * 1024;
    /** The default bound on a request body, in bytes. */
    public static final int DEFAULT_MAX_BODY_BYTES = 2 * 1024 * 1024;
    /** The default number of requests handled at once. */
    public static final int DEFAULT_THREADS = 16;
    /** The default number of requests waiting for a thread. */
    public static final int DEFAULT_QUEUE = 64;
    /** The default sustained rate of one user, in requests per minute. */
    public static final int DEFAULT_RATE_PER_MINUTE = 60;
    /** The default burst of one user, in requests. */
    public static final int DEFAULT_RATE_BURST = 20;
    /** The default time a stop lets requests in flight finish. */
    public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(5);

    private static final Duration SHORTEST = Duration.ofMillis(1);

    /** {@code mnemo.chatbot.host}: the address to listen on. */
    public static final ConfigKey<String> HOST = ConfigKey.string("mnemo.chatbot.host", DEFAULT_HOST,
            "the chatbot example's address to listen on; 0.0.0.0 for every interface (behind a TLS proxy)")
            .check(host -> host.isBlank() ? "expected an address, was blank" : null);
    /** {@code mnemo.chatbot.port}: the port, 0 for a free one. */
    public static final ConfigKey<Integer> PORT = ConfigKey.integer("mnemo.chatbot.port", DEFAULT_PORT, 0, 65_535,
            "the chatbot example's port; 0 picks a free one");
    /** {@code mnemo.chatbot.max-connections}: open connections at most. */
    public static final ConfigKey<Integer> MAX_CONNECTIONS = ConfigKey.integer("mnemo.chatbot.max-connections",
            DEFAULT_MAX_CONNECTIONS, 1, Integer.MAX_VALUE, "open connections at most; past it the server stops accepting");
    /** {@code mnemo.chatbot.idle-timeout}: when a silent connection is closed. */
    public static final ConfigKey<Duration> IDLE_TIMEOUT = ConfigKey.duration("mnemo.chatbot.idle-timeout",
            DEFAULT_IDLE_TIMEOUT, SHORTEST, "a connection that sends nothing for this long is closed");
    /** {@code mnemo.chatbot.read-timeout}: how long a request body may take. */
    public static final ConfigKey<Duration> READ_TIMEOUT = ConfigKey.duration("mnemo.chatbot.read-timeout",
            DEFAULT_READ_TIMEOUT, SHORTEST, "how long a request's body may take to arrive once its headers are in (408)");
    /** {@code mnemo.chatbot.max-header-bytes}: a request's line and headers at most. */
    public static final ConfigKey<Integer> MAX_HEADER_BYTES = ConfigKey.integer("mnemo.chatbot.max-header-bytes",
            DEFAULT_MAX_HEADER_BYTES, 1024, 1024 * 1024, "a request's line and headers at most, in bytes (431)");
    /** {@code mnemo.chatbot.max-body-bytes}: a request body at most. */
    public static final ConfigKey<Integer> MAX_BODY_BYTES = ConfigKey.integer("mnemo.chatbot.max-body-bytes",
            DEFAULT_MAX_BODY_BYTES, 1, Integer.MAX_VALUE - 8,
            "a request body at most, in bytes (413); room for mnemo.max-content-bytes escaped in JSON");
    /** {@code mnemo.chatbot.threads}: requests handled at once. */
    public static final ConfigKey<Integer> THREADS = ConfigKey.integer("mnemo.chatbot.threads", DEFAULT_THREADS, 1,
            10_000, "requests the chatbot example handles at once");
    /** {@code mnemo.chatbot.queue}: requests that wait for a thread. */
    public static final ConfigKey<Integer> QUEUE = ConfigKey.integer("mnemo.chatbot.queue", DEFAULT_QUEUE, 0, 1_000_000,
            "requests that wait for a thread; past it the answer is 503");
    /** {@code mnemo.chatbot.rate-per-minute}: one user's sustained rate. */
    public static final ConfigKey<Integer> RATE_PER_MINUTE = ConfigKey.integer("mnemo.chatbot.rate-per-minute",
            DEFAULT_RATE_PER_MINUTE, 1, Integer.MAX_VALUE, "requests one user may make per minute, on average (429)");
    /** {@code mnemo.chatbot.rate-burst}: one user's burst. */
    public static final ConfigKey<Integer> RATE_BURST = ConfigKey.integer("mnemo.chatbot.rate-burst", DEFAULT_RATE_BURST,
            1, Integer.MAX_VALUE, "requests one user may make at once before the rate applies");
    /** {@code mnemo.chatbot.stop-timeout}: how long a stop lets requests finish. */
    public static final ConfigKey<Duration> STOP_TIMEOUT = ConfigKey.duration("mnemo.chatbot.stop-timeout",
            DEFAULT_STOP_TIMEOUT, Duration.ZERO, "how long a stop lets requests in flight finish");
    /** The keys of these settings, in the order of the key table. */
    public static final List<ConfigKey<?>> KEYS = List.of(HOST, PORT, MAX_CONNECTIONS, IDLE_TIMEOUT, READ_TIMEOUT,
            MAX_HEADER_BYTES, MAX_BODY_BYTES, THREADS, QUEUE, RATE_PER_MINUTE, RATE_BURST, STOP_TIMEOUT);

    /** @throws dev.mnemo.InvalidInputException naming the first bad value and its key */
    public ChatbotSettings {
        HOST.require(host);
        PORT.require(port);
        MAX_CONNECTIONS.require(maxConnections);
        IDLE_TIMEOUT.require(idleTimeout);
        READ_TIMEOUT.require(readTimeout);
        MAX_HEADER_BYTES.require(maxHeaderBytes);
        MAX_BODY_BYTES.require(maxBodyBytes);
        THREADS.require(threads);
        QUEUE.require(queue);
        RATE_PER_MINUTE.require(ratePerMinute);
        RATE_BURST.require(rateBurst);
        STOP_TIMEOUT.require(stopTimeout);
    }

    /** @return every setting at its default */
    public static ChatbotSettings ofDefaults() {
        return builder().build();
    }

    /** @return a builder starting from the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder starting from these settings */
    public Builder toBuilder() {
        return new Builder().host(host).port(port).maxConnections(maxConnections).idleTimeout(idleTimeout)
                .readTimeout(readTimeout).maxHeaderBytes(maxHeaderBytes).maxBodyBytes(maxBodyBytes).threads(threads)
                .queue(queue).ratePerMinute(ratePerMinute).rateBurst(rateBurst).stopTimeout(stopTimeout);
    }

    /**
     * @param config where to read the keys below {@code mnemo.chatbot.}, such as {@link StoreConfig#environment()}
     * @return the settings, each key that is not set at its default
     * @throws dev.mnemo.InvalidInputException listing every bad key at once
     */
    public static ChatbotSettings from(StoreConfig config) {
        ConfigReader read = config.reader();
        ChatbotSettings settings = new ChatbotSettings(read.get(HOST), read.get(PORT), read.get(MAX_CONNECTIONS),
                read.get(IDLE_TIMEOUT), read.get(READ_TIMEOUT), read.get(MAX_HEADER_BYTES), read.get(MAX_BODY_BYTES),
                read.get(THREADS), read.get(QUEUE), read.get(RATE_PER_MINUTE), read.get(RATE_BURST),
                read.get(STOP_TIMEOUT));
        read.validate();
        return settings;
    }

    /** Builds {@link ChatbotSettings}; every value starts at its default and is checked by {@link #build()}. */
    public static final class Builder {
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
        private Duration readTimeout = DEFAULT_READ_TIMEOUT;
        private int maxHeaderBytes = DEFAULT_MAX_HEADER_BYTES;
        private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private int threads = DEFAULT_THREADS;
        private int queue = DEFAULT_QUEUE;
        private int ratePerMinute = DEFAULT_RATE_PER_MINUTE;
        private int rateBurst = DEFAULT_RATE_BURST;
        private Duration stopTimeout = DEFAULT_STOP_TIMEOUT;

        private Builder() {
        }

        /** @param host see {@link ChatbotSettings#host()}; @return this builder */
        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /** @param port see {@link ChatbotSettings#port()}; @return this builder */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** @param maxConnections see {@link ChatbotSettings#maxConnections()}; @return this builder */
        public Builder maxConnections(int maxConnections) {
            this.maxConnections = maxConnections;
            return this;
        }

        /** @param idleTimeout see {@link ChatbotSettings#idleTimeout()}; @return this builder */
        public Builder idleTimeout(Duration idleTimeout) {
            this.idleTimeout = idleTimeout;
            return this;
        }

        /** @param readTimeout see {@link ChatbotSettings#readTimeout()}; @return this builder */
        public Builder readTimeout(Duration readTimeout) {
            this.readTimeout = readTimeout;
            return this;
        }

        /** @param maxHeaderBytes see {@link ChatbotSettings#maxHeaderBytes()}; @return this builder */
        public Builder maxHeaderBytes(int maxHeaderBytes) {
            this.maxHeaderBytes = maxHeaderBytes;
            return this;
        }

        /** @param maxBodyBytes see {@link ChatbotSettings#maxBodyBytes()}; @return this builder */
        public Builder maxBodyBytes(int maxBodyBytes) {
            this.maxBodyBytes = maxBodyBytes;
            return this;
        }

        /** @param threads see {@link ChatbotSettings#threads()}; @return this builder */
        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        /** @param queue see {@link ChatbotSettings#queue()}; @return this builder */
        public Builder queue(int queue) {
            this.queue = queue;
            return this;
        }

        /** @param ratePerMinute see {@link ChatbotSettings#ratePerMinute()}; @return this builder */
        public Builder ratePerMinute(int ratePerMinute) {
            this.ratePerMinute = ratePerMinute;
            return this;
        }

        /** @param rateBurst see {@link ChatbotSettings#rateBurst()}; @return this builder */
        public Builder rateBurst(int rateBurst) {
            this.rateBurst = rateBurst;
            return this;
        }

        /** @param stopTimeout see {@link ChatbotSettings#stopTimeout()}; @return this builder */
        public Builder stopTimeout(Duration stopTimeout) {
            this.stopTimeout = stopTimeout;
            return this;
        }

        /**
         * @return the settings
         * @throws dev.mnemo.InvalidInputException naming the first bad value and its key
         */
        public ChatbotSettings build() {
            return new ChatbotSettings(host, port, maxConnections, idleTimeout, readTimeout, maxHeaderBytes,
                    maxBodyBytes, threads, queue, ratePerMinute, rateBurst, stopTimeout);
        }
    }
}
