package dev.mnemo.summary;

import dev.mnemo.InvalidInputException;
import dev.mnemo.spi.ConfigKey;
import dev.mnemo.spi.ConfigReader;
import dev.mnemo.spi.StoreConfig;
import java.util.List;

/**
 * When and how rolling summaries run, immutable. Read from a {@link StoreConfig} with
 * {@link #from(StoreConfig)} (keys below {@code mnemo.summary.}) or built with {@link #builder()}.
 *
 * <p>A run is triggered after an append that makes the session's message count cross a multiple
 * of {@code everyMessages}, or its token count cross a multiple of {@code everyTokens}: O(1),
 * from the counters the append returns, with no read. A run summarizes the messages after the
 * current summary's {@code coversUpTo} except the last {@code keepRecent}, which the context
 * keeps word for word, at most {@code pageSize} per summarizer call.
 *
 * @param everyMessages {@link #EVERY_MESSAGES}
 * @param everyTokens   {@link #EVERY_TOKENS}
 * @param keepRecent    {@link #KEEP_RECENT}; they are also the slack for a message built before, but
 *                      appended after, newer ones
 * @param pageSize      {@link #PAGE_SIZE}
 * @param threads       {@link #THREADS}
 */
public record SummaryConfig(int everyMessages, int everyTokens, int keepRecent, int pageSize, int threads) {

    /** Default: a run every 5 messages. */
    public static final int DEFAULT_EVERY_MESSAGES = 5;
    /** Default: a run every 2,000 tokens as well, for sessions of long messages. */
    public static final int DEFAULT_EVERY_TOKENS = 2_000;
    /** Default: the last 10 messages stay word for word. */
    public static final int DEFAULT_KEEP_RECENT = 10;
    /** Default: at most 100 messages per summarizer call. */
    public static final int DEFAULT_PAGE_SIZE = 100;
    /** Default: one summary thread per Mnemo. */
    public static final int DEFAULT_THREADS = 1;

    /** {@code mnemo.summary.every-messages}. */
    public static final ConfigKey<Integer> EVERY_MESSAGES = ConfigKey.integer("mnemo.summary.every-messages",
            DEFAULT_EVERY_MESSAGES, 0, Integer.MAX_VALUE, "messages between rolling summary runs, 0 for never");
    /** {@code mnemo.summary.every-tokens}. */
    public static final ConfigKey<Integer> EVERY_TOKENS = ConfigKey.integer("mnemo.summary.every-tokens",
            DEFAULT_EVERY_TOKENS, 0, Integer.MAX_VALUE, "tokens between rolling summary runs, 0 for never");
    /** {@code mnemo.summary.keep-recent}. */
    public static final ConfigKey<Integer> KEEP_RECENT = ConfigKey.integer("mnemo.summary.keep-recent",
            DEFAULT_KEEP_RECENT, 0, Integer.MAX_VALUE, "latest messages a summary never covers: the context keeps them word for word");
    /** {@code mnemo.summary.page-size}. */
    public static final ConfigKey<Integer> PAGE_SIZE = ConfigKey.integer("mnemo.summary.page-size", DEFAULT_PAGE_SIZE,
            1, Integer.MAX_VALUE, "most messages per summarizer call");
    /** {@code mnemo.summary.threads}. */
    public static final ConfigKey<Integer> THREADS = ConfigKey.integer("mnemo.summary.threads", DEFAULT_THREADS, 1,
            Integer.MAX_VALUE, "threads that run summaries, off the append path");
    /** The keys of these settings. */
    public static final List<ConfigKey<?>> KEYS = List.of(EVERY_MESSAGES, EVERY_TOKENS, KEEP_RECENT, PAGE_SIZE, THREADS);

    /** Checks each value and puts the bad one in the message. */
    public SummaryConfig {
        EVERY_MESSAGES.require(everyMessages);
        EVERY_TOKENS.require(everyTokens);
        KEEP_RECENT.require(keepRecent);
        PAGE_SIZE.require(pageSize);
        THREADS.require(threads);
    }

    /** @return the defaults */
    public static SummaryConfig ofDefaults() {
        return builder().build();
    }

    /** @return a builder starting from the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder starting from this configuration */
    public Builder toBuilder() {
        return new Builder().everyMessages(everyMessages).everyTokens(everyTokens).keepRecent(keepRecent)
                .pageSize(pageSize).threads(threads);
    }

    /**
     * @param config the configuration to read
     * @return the settings it holds
     * @throws InvalidInputException listing every bad key at once
     */
    public static SummaryConfig from(StoreConfig config) {
        ConfigReader reader = config.reader();
        SummaryConfig settings = new SummaryConfig(reader.get(EVERY_MESSAGES), reader.get(EVERY_TOKENS),
                reader.get(KEEP_RECENT), reader.get(PAGE_SIZE), reader.get(THREADS));
        reader.validate();
        return settings;
    }

    /** Builds a {@link SummaryConfig}; each setter is optional. */
    public static final class Builder {
        private int everyMessages = DEFAULT_EVERY_MESSAGES;
        private int everyTokens = DEFAULT_EVERY_TOKENS;
        private int keepRecent = DEFAULT_KEEP_RECENT;
        private int pageSize = DEFAULT_PAGE_SIZE;
        private int threads = DEFAULT_THREADS;

        private Builder() {
        }

        /** @param messages see {@link SummaryConfig#everyMessages()}; @return this builder */
        public Builder everyMessages(int messages) {
            this.everyMessages = messages;
            return this;
        }

        /** @param tokens see {@link SummaryConfig#everyTokens()}; @return this builder */
        public Builder everyTokens(int tokens) {
            this.everyTokens = tokens;
            return this;
        }

        /** @param messages see {@link SummaryConfig#keepRecent()}; @return this builder */
        public Builder keepRecent(int messages) {
            this.keepRecent = messages;
            return this;
        }

        /** @param messages see {@link SummaryConfig#pageSize()}; @return this builder */
        public Builder pageSize(int messages) {
            this.pageSize = messages;
            return this;
        }

        /** @param count see {@link SummaryConfig#threads()}; @return this builder */
        public Builder threads(int count) {
            this.threads = count;
            return this;
        }

        /** @return the configuration, checked */
        public SummaryConfig build() {
            return new SummaryConfig(everyMessages, everyTokens, keepRecent, pageSize, threads);
        }
    }
}
