package dev.mnemo;

import dev.mnemo.spi.ConfigReader;
import dev.mnemo.spi.SessionRef;
import dev.mnemo.spi.StoreConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Settings of a {@link Mnemo} instance, immutable. Read from a {@link StoreConfig} with
 * {@link #from(StoreConfig)} (keys below {@code mnemo.}) or built with {@link #builder()}.
 *
 * @param namespace       {@code mnemo.namespace}: the namespace of every session, default {@value #DEFAULT_NAMESPACE}
 * @param maxContentBytes {@code mnemo.max-content-bytes}: the largest message (content and tool
 *                        call arguments, UTF-8) accepted, default {@value #DEFAULT_MAX_CONTENT_BYTES}
 * @param tokenModel      {@code mnemo.token-model}: the model or encoding whose tokens are
 *                        counted, default {@value #DEFAULT_TOKEN_MODEL}
 * @param tiers           {@code mnemo.tiers}: tier names, comma-separated; empty (the default)
 *                        uses every available provider by priority. Each tier's role (hot,
 *                        durable, fallback) comes from its capabilities
 * @param writeMode       {@code mnemo.write-mode}: {@code write-through} (the default) or
 *                        {@code write-behind}, see {@link WriteMode}
 * @param journalMaxMessages {@code mnemo.journal.max-messages}: how many messages (and other session
 *                        writes) this process holds for the durable tier. Without a hot tier's
 *                        journal this is the journal, and past it appends fail with
 *                        {@link JournalFullException}; with one it only bounds the copies kept here
 *                        to send without reading them back. Default {@value #DEFAULT_JOURNAL_MAX_MESSAGES}
 * @param flushInterval   {@code mnemo.flush-interval}: how often write-behind batches, replays after
 *                        an outage and re-warms of the hot tier run. Default 200 ms
 * @param durableDeadline {@code mnemo.durable-deadline}: how long a write-through append waits for the
 *                        durable tier when the hot tier's journal holds it; past it the append is
 *                        acknowledged degraded and the journal delivers it. Default 300 ms
 * @param closeTimeout    {@code mnemo.close-timeout}: how long {@link Mnemo#close()} sends what waits
 *                        for the durable tier before it closes the tiers; what is left stays in the hot
 *                        tier's journal for any process. Default 5 s
 */
public record MnemoConfig(String namespace, int maxContentBytes, String tokenModel, List<String> tiers,
                          WriteMode writeMode, int journalMaxMessages, Duration flushInterval, Duration durableDeadline,
                          Duration closeTimeout) {

    /** The default namespace. */
    public static final String DEFAULT_NAMESPACE = "default";
    /** The default largest message: 256 KiB, well under Firestore's 1 MiB document limit. */
    public static final int DEFAULT_MAX_CONTENT_BYTES = 256 * 1024;
    /** The default model for token counting: {@code gpt-4o}, whose encoding is {@code o200k_base}. */
    public static final String DEFAULT_TOKEN_MODEL = "gpt-4o";

    /** The default bound on messages waiting for the durable tier. */
    public static final int DEFAULT_JOURNAL_MAX_MESSAGES = 10_000;
    /** The default interval of durable flushes, replays and re-warms: 200 ms. */
    public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofMillis(200);
    /** The default wait of a write-through append for the durable tier when the journal holds it: 300 ms. */
    public static final Duration DEFAULT_DURABLE_DEADLINE = Duration.ofMillis(300);
    /** The default time {@link Mnemo#close()} sends what waits for the durable tier: 5 s. */
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private static final int MAX_CONTENT_CEILING = 900 * 1024;
    private static final Duration MIN_FLUSH_INTERVAL = Duration.ofMillis(1);

    /** Checks each value and puts the bad one in the message. */
    public MnemoConfig {
        SessionRef.checkNamespace(namespace);
        if (maxContentBytes < 1 || maxContentBytes > MAX_CONTENT_CEILING) {
            throw new InvalidInputException("maxContentBytes must be 1 to " + MAX_CONTENT_CEILING + ", was " + maxContentBytes);
        }
        if (tokenModel == null || tokenModel.isBlank()) {
            throw new InvalidInputException("tokenModel must be a model or encoding name, was '" + tokenModel + "'");
        }
        tiers = List.copyOf(tiers);
        Objects.requireNonNull(writeMode, "writeMode");
        if (journalMaxMessages < 1) {
            throw new InvalidInputException("journalMaxMessages must be at least 1, was " + journalMaxMessages);
        }
        if (flushInterval == null || flushInterval.compareTo(MIN_FLUSH_INTERVAL) < 0) {
            throw new InvalidInputException("flushInterval must be at least 1 ms, was " + flushInterval);
        }
        if (durableDeadline == null || durableDeadline.compareTo(MIN_FLUSH_INTERVAL) < 0) {
            throw new InvalidInputException("durableDeadline must be at least 1 ms, was " + durableDeadline);
        }
        if (closeTimeout == null || closeTimeout.isNegative()) {
            throw new InvalidInputException("closeTimeout must be 0 or more, was " + closeTimeout);
        }
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
                .durableDeadline(durableDeadline).closeTimeout(closeTimeout);
    }

    /**
     * @param config the configuration to read
     * @return the settings it holds
     * @throws InvalidInputException listing every bad key at once
     */
    public static MnemoConfig from(StoreConfig config) {
        ConfigReader reader = config.reader("mnemo");
        String namespace = reader.string("namespace", DEFAULT_NAMESPACE);
        int maxContentBytes = reader.integer("max-content-bytes", DEFAULT_MAX_CONTENT_BYTES, 1);
        String tokenModel = reader.string("token-model", DEFAULT_TOKEN_MODEL);
        List<String> tiers = reader.list("tiers", List.of());
        WriteMode writeMode = reader.enumValue("write-mode", WriteMode.WRITE_THROUGH);
        int journalMaxMessages = reader.integer("journal.max-messages", DEFAULT_JOURNAL_MAX_MESSAGES, 1);
        Duration flushInterval = reader.duration("flush-interval", DEFAULT_FLUSH_INTERVAL, MIN_FLUSH_INTERVAL);
        Duration durableDeadline = reader.duration("durable-deadline", DEFAULT_DURABLE_DEADLINE, MIN_FLUSH_INTERVAL);
        Duration closeTimeout = reader.duration("close-timeout", DEFAULT_CLOSE_TIMEOUT, Duration.ZERO);
        try {
            SessionRef.checkNamespace(namespace);
        } catch (InvalidInputException e) {
            reader.reject("namespace", e.getMessage());
        }
        if (maxContentBytes > MAX_CONTENT_CEILING) {
            reader.reject("max-content-bytes", maxContentBytes + " is over the ceiling of " + MAX_CONTENT_CEILING);
        }
        reader.validate();
        return new MnemoConfig(namespace, maxContentBytes, tokenModel, tiers, writeMode, journalMaxMessages, flushInterval,
                durableDeadline, closeTimeout);
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

        /** @return the configuration, checked */
        public MnemoConfig build() {
            return new MnemoConfig(namespace, maxContentBytes, tokenModel, tiers, writeMode, journalMaxMessages,
                    flushInterval, durableDeadline, closeTimeout);
        }
    }
}
