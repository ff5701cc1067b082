package dev.mnemo.summary;

import dev.mnemo.InvalidInputException;
import dev.mnemo.spi.ConfigReader;
import dev.mnemo.spi.StoreConfig;

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
 * @param everyMessages {@code mnemo.summary.every-messages}: messages between runs, 0 for never,
 *                      default {@value #DEFAULT_EVERY_MESSAGES}
 * @param everyTokens   {@code mnemo.summary.every-tokens}: tokens between runs, 0 for never,
 *                      default {@value #DEFAULT_EVERY_TOKENS}
 * @param keepRecent    {@code mnemo.summary.keep-recent}: latest messages never summarized,
 *                      default {@value #DEFAULT_KEEP_RECENT}; they are also the slack for a
 *                      message built before, but appended after, newer ones
 * @param pageSize      {@code mnemo.summary.page-size}: most messages per summarizer call, at
 *                      least 1, default {@value #DEFAULT_PAGE_SIZE}
 * @param threads       {@code mnemo.summary.threads}: threads of the summary executor, at least 1,
 *                      default {@value #DEFAULT_THREADS}
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

    /** Checks each value and puts the bad one in the message. */
    public SummaryConfig {
        requireAtLeast("everyMessages", everyMessages, 0);
        requireAtLeast("everyTokens", everyTokens, 0);
        requireAtLeast("keepRecent", keepRecent, 0);
        requireAtLeast("pageSize", pageSize, 1);
        requireAtLeast("threads", threads, 1);
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
        ConfigReader reader = config.reader("mnemo.summary");
        SummaryConfig settings = new SummaryConfig(
                reader.integer("every-messages", DEFAULT_EVERY_MESSAGES, 0),
                reader.integer("every-tokens", DEFAULT_EVERY_TOKENS, 0),
                reader.integer("keep-recent", DEFAULT_KEEP_RECENT, 0),
                reader.integer("page-size", DEFAULT_PAGE_SIZE, 1),
                reader.integer("threads", DEFAULT_THREADS, 1));
        reader.validate();
        return settings;
    }

    private static void requireAtLeast(String name, int value, int min) {
        if (value < min) {
            throw new InvalidInputException("SummaryConfig." + name + " must be at least " + min + ", was " + value);
        }
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
