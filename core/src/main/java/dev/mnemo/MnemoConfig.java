package dev.mnemo;

import dev.mnemo.spi.ConfigKey;
import dev.mnemo.spi.ConfigReader;
import dev.mnemo.spi.SessionRef;
import dev.mnemo.spi.StoreConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Settings of a {@link Mnemo} instance, immutable. Read from a {@link StoreConfig} with
 * {@link #from(StoreConfig)} or built with {@link #builder()}; each is declared once as a
 * {@link ConfigKey} constant below, which gives its name, default and the values it takes.
 *
 * @param namespace       {@link #NAMESPACE}: the namespace of every session
 * @param maxContentBytes {@link #MAX_CONTENT_BYTES}: the largest message (content and tool call
 *                        arguments, UTF-8) accepted
 * @param tokenModel      {@link #TOKEN_MODEL}: the model or encoding whose tokens are counted
 * @param tiers           {@link #TIERS}: tier names; empty uses every available provider by priority.
 *                        Each tier's role (hot, durable, fallback) comes from its capabilities
 * @param writeMode       {@link #WRITE_MODE}: see {@link WriteMode}
 * @param journalMaxMessages {@link #JOURNAL_MAX_MESSAGES}: how many messages (and other session
 *                        writes) this process holds for the durable tier. Without a hot tier's
 *                        journal this is the journal, and past it appends fail with
 *                        {@link JournalFullException}; with one it only bounds the copies kept here
 * @param flushInterval   {@link #FLUSH_INTERVAL}: how often write-behind batches, replays after an
 *                        outage and re-warms of the hot tier run
 * @param durableDeadline {@link #DURABLE_DEADLINE}: how long a write-through append waits for the
 *                        durable tier when the hot tier's journal holds it; past it the append is
 *                        acknowledged degraded and the journal delivers it
 * @param closeTimeout    {@link #CLOSE_TIMEOUT}: how long {@link Mnemo#close()} sends what waits for the
 *                        durable tier before it closes the tiers
 * @param callTimeout     {@link #CALL_TIMEOUT}: the deadline of every call of {@link Mnemo} and
 *                        {@link BlockingMnemo}; past it the call fails with {@link StoreTimeoutException}
 */
public record MnemoConfig(String namespace, int maxContentBytes, String tokenModel, List<String> tiers,
                          WriteMode writeMode, int journalMaxMessages, Duration flushInterval, Duration durableDeadline,
                          Duration closeTimeout, Duration callTimeout) {

    /** The default namespace. */
    public static final String DEFAULT_NAMESPACE = "default";
    /** The default largest message: 256 KiB. */
    public static final int DEFAULT_MAX_CONTENT_BYTES = 256 * 1024;
    /** The default token model. */
    public static final String DEFAULT_TOKEN_MODEL = "gpt-4o";
    /** The default bound of what this process holds for the durable tier. */
    public static final int DEFAULT_JOURNAL_MAX_MESSAGES = 10_000;
    /** The default flush interval. */
    public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofMillis(200);
    /** The default durable deadline of a write-through append. */
    public static final Duration DEFAULT_DURABLE_DEADLINE = Duration.ofMillis(300);
    /** The default close timeout. */
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(5);
    /** The default deadline of a call: longer than a tier's time limit (3 s), so a tier that does not answer is skipped first. */
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(5);
    /** The largest message accepted at most, whatever the setting: 16 MiB. */
    public static final int MAX_CONTENT_CEILING = 16 * 1024 * 1024;

    /** {@code mnemo.namespace}: the namespace of every session; keys and paths include it. */
    public static final ConfigKey<String> NAMESPACE = ConfigKey.string("mnemo.namespace", DEFAULT_NAMESPACE,
            "the namespace of every session; keys and paths include it").check(MnemoConfig::namespaceProblem);
    /** {@code mnemo.max-content-bytes}: the largest message accepted. */
    public static final ConfigKey<Integer> MAX_CONTENT_BYTES = ConfigKey.integer("mnemo.max-content-bytes",
            DEFAULT_MAX_CONTENT_BYTES, 1, MAX_CONTENT_CEILING,
            "the largest message (content and tool-call arguments, UTF-8) accepted, in bytes");
    /** {@code mnemo.token-model}: the model or encoding tokens are counted in. */
    public static final ConfigKey<String> TOKEN_MODEL = ConfigKey.string("mnemo.token-model", DEFAULT_TOKEN_MODEL,
            "the model or encoding tokens are counted in (gpt-4o*, o1... → o200k_base; gpt-4, gpt-3.5 → cl100k_base;"
                    + " unknown → o200k_base)");
    /** {@code mnemo.tiers}: the tiers, by name. */
    public static final ConfigKey<List<String>> TIERS = ConfigKey.list("mnemo.tiers", List.of(),
            "tier names, such as redis,firestore,memory; unset uses every available tier by priority")
            .describedDefault("every available tier");
    /** {@code mnemo.write-mode}: when an append is acknowledged. */
    public static final ConfigKey<WriteMode> WRITE_MODE = ConfigKey.enumValue("mnemo.write-mode", WriteMode.WRITE_THROUGH,
            "write-through acknowledges once the durable tier has an append (or, degraded, the Redis journal);"
                    + " write-behind once Redis has journaled it");
    /** {@code mnemo.journal.max-messages}: what this process holds for the durable tier. */
    public static final ConfigKey<Integer> JOURNAL_MAX_MESSAGES = ConfigKey.integer("mnemo.journal.max-messages",
            DEFAULT_JOURNAL_MAX_MESSAGES, 1, Integer.MAX_VALUE,
            "messages and session writes this process holds for the durable tier: without a Redis journal this is"
                    + " the journal and past it appends are refused; with one it only bounds the copies kept here");
    /** {@code mnemo.flush-interval}: how often background work runs. */
    public static final ConfigKey<Duration> FLUSH_INTERVAL = ConfigKey.duration("mnemo.flush-interval",
            DEFAULT_FLUSH_INTERVAL, Duration.ofMillis(1), "how often write-behind batches, replays, journal claims and re-warms run");
    /** {@code mnemo.durable-deadline}: how long a write-through append waits for the durable tier. */
    public static final ConfigKey<Duration> DURABLE_DEADLINE = ConfigKey.duration("mnemo.durable-deadline",
            DEFAULT_DURABLE_DEADLINE, Duration.ofMillis(1),
            "how long a write-through append waits for Firestore when the Redis journal holds it; then it is"
                    + " acknowledged degraded");
    /** {@code mnemo.close-timeout}: how long close() sends what waits. */
    public static final ConfigKey<Duration> CLOSE_TIMEOUT = ConfigKey.duration("mnemo.close-timeout",
            DEFAULT_CLOSE_TIMEOUT, Duration.ZERO, "how long close() sends what waits for the durable tier");
    /** {@code mnemo.call-timeout}: the deadline of every call. */
    public static final ConfigKey<Duration> CALL_TIMEOUT = ConfigKey.duration("mnemo.call-timeout",
            DEFAULT_CALL_TIMEOUT, Duration.ofMillis(1),
            "the deadline of every call of Mnemo, BlockingMnemo and the framework adapters: past it the call fails"
                    + " with StoreTimeoutException (the tiers' own time limits are shorter, so a tier that does not"
                    + " answer is skipped and the call answered degraded first)");
    /** The keys of these settings, in the order of the key table. */
    public static final List<ConfigKey<?>> KEYS = List.of(TIERS, NAMESPACE, WRITE_MODE, CALL_TIMEOUT, DURABLE_DEADLINE,
            MAX_CONTENT_BYTES, TOKEN_MODEL, JOURNAL_MAX_MESSAGES, FLUSH_INTERVAL, CLOSE_TIMEOUT);

    /** Checks each value and puts the bad one in the message. */
    public MnemoConfig {
        NAMESPACE.require(namespace);
        MAX_CONTENT_BYTES.require(maxContentBytes);
        if (Objects.requireNonNull(tokenModel, "tokenModel").isBlank()) {
            throw new InvalidInputException(TOKEN_MODEL.name() + ": expected a model or encoding name, was blank");
        }
        tiers = List.copyOf(tiers);
        Objects.requireNonNull(writeMode, "writeMode");
        JOURNAL_MAX_MESSAGES.require(journalMaxMessages);
        FLUSH_INTERVAL.require(flushInterval);
        DURABLE_DEADLINE.require(durableDeadline);
        CLOSE_TIMEOUT.require(closeTimeout);
        CALL_TIMEOUT.require(callTimeout);
    }

    /** @return the defaults */
    public static MnemoConfig ofDefaults() {
        return builder().build();
    }

    /** @return a builder starting from the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder starting from this configuration */
    public Builder toBuilder() {
        return new Builder().namespace(namespace).maxContentBytes(maxContentBytes).tokenModel(tokenModel).tiers(tiers)
                .writeMode(writeMode).journalMaxMessages(journalMaxMessages).flushInterval(flushInterval)
                .durableDeadline(durableDeadline).closeTimeout(closeTimeout).callTimeout(callTimeout);
    }

    /**
     * @param config the configuration to read
     * @return the settings it holds
     * @throws InvalidInputException listing every bad key at once
     */
    public static MnemoConfig from(StoreConfig config) {
        ConfigReader reader = config.reader();
        MnemoConfig read = new MnemoConfig(reader.get(NAMESPACE), reader.get(MAX_CONTENT_BYTES), reader.get(TOKEN_MODEL),
                reader.get(TIERS), reader.get(WRITE_MODE), reader.get(JOURNAL_MAX_MESSAGES), reader.get(FLUSH_INTERVAL),
                reader.get(DURABLE_DEADLINE), reader.get(CLOSE_TIMEOUT), reader.get(CALL_TIMEOUT));
        reader.validate();
        return read;
    }

    private static @Nullable String namespaceProblem(String namespace) {
        try {
            SessionRef.checkNamespace(namespace);
            return null;
        } catch (InvalidInputException e) {
            return e.getMessage();
        }
    }

    /** Builds a {@link MnemoConfig}; each setter is optional. */
    public static final class Builder {
        private String namespace = DEFAULT_NAMESPACE;
        private int maxContentBytes = DEFAULT_MAX_CONTENT_BYTES;
        private String tokenModel = DEFAULT_TOKEN_MODEL;
        private List<String> tiers = new ArrayList<>();
        private WriteMode writeMode = WriteMode.WRITE_THROUGH;
        private int journalMaxMessages = DEFAULT_JOURNAL_MAX_MESSAGES;
        private Duration flushInterval = DEFAULT_FLUSH_INTERVAL;
        private Duration durableDeadline = DEFAULT_DURABLE_DEADLINE;
        private Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;
        private Duration callTimeout = DEFAULT_CALL_TIMEOUT;

        private Builder() {
        }

        /** @param namespace see {@link MnemoConfig#namespace()}; @return this builder */
        public Builder namespace(String namespace) {
            this.namespace = namespace;
            return this;
        }

        /** @param maxContentBytes see {@link MnemoConfig#maxContentBytes()}; @return this builder */
        public Builder maxContentBytes(int maxContentBytes) {
            this.maxContentBytes = maxContentBytes;
            return this;
        }

        /** @param tokenModel see {@link MnemoConfig#tokenModel()}; @return this builder */
        public Builder tokenModel(String tokenModel) {
            this.tokenModel = tokenModel;
            return this;
        }

        /** @param tiers see {@link MnemoConfig#tiers()}; @return this builder */
        public Builder tiers(List<String> tiers) {
            this.tiers = new ArrayList<>(Objects.requireNonNull(tiers, "tiers"));
            return this;
        }

        /** @param writeMode see {@link MnemoConfig#writeMode()}; @return this builder */
        public Builder writeMode(WriteMode writeMode) {
            this.writeMode = writeMode;
            return this;
        }

        /** @param journalMaxMessages see {@link MnemoConfig#journalMaxMessages()}; @return this builder */
        public Builder journalMaxMessages(int journalMaxMessages) {
            this.journalMaxMessages = journalMaxMessages;
            return this;
        }

        /** @param flushInterval see {@link MnemoConfig#flushInterval()}; @return this builder */
        public Builder flushInterval(Duration flushInterval) {
            this.flushInterval = flushInterval;
            return this;
        }

        /** @param durableDeadline see {@link MnemoConfig#durableDeadline()}; @return this builder */
        public Builder durableDeadline(Duration durableDeadline) {
            this.durableDeadline = durableDeadline;
            return this;
        }

        /** @param closeTimeout see {@link MnemoConfig#closeTimeout()}; @return this builder */
        public Builder closeTimeout(Duration closeTimeout) {
            this.closeTimeout = closeTimeout;
            return this;
        }

        /** @param callTimeout see {@link MnemoConfig#callTimeout()}; @return this builder */
        public Builder callTimeout(Duration callTimeout) {
            this.callTimeout = callTimeout;
            return this;
        }

        /** @return the configuration, checked */
        public MnemoConfig build() {
            return new MnemoConfig(namespace, maxContentBytes, tokenModel, tiers, writeMode, journalMaxMessages,
                    flushInterval, durableDeadline, closeTimeout, callTimeout);
        }
    }
}
