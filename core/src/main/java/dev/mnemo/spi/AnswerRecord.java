package dev.mnemo.spi;

import dev.mnemo.InvalidInputException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The analytics of one assistant answer, buffered until its session ends.
 *
 * @param messageId      the answer's message id: unique per answer, so a replayed buffer write is recognised
 * @param query          the user's question it answers, or {@code null}
 * @param responseLength the answer's length in characters, at least 0
 * @param confidence     the answer's confidence from 0 to 1, or {@code null}
 * @param sources        the knowledge-base entries the answer used, in order, never null
 * @param model          the model that wrote it, or {@code null}
 * @param tokensIn       prompt tokens, at least 0
 * @param tokensOut      completion tokens, at least 0
 * @param latencyMillis  latency samples in milliseconds by stage ({@code stt}, {@code llm}, {@code tts}, ...),
 *                       each at least 0, never null
 * @param at             when the answer was given
 */
public record AnswerRecord(UUID messageId, @Nullable String query, int responseLength, @Nullable Double confidence,
                           List<String> sources, @Nullable String model, int tokensIn, int tokensOut, Map<String, List<Long>> latencyMillis,
                           Instant at) {

    /** Checks the values, putting a bad one in the message, and copies the collections. */
    public AnswerRecord {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(at, "at");
        requireNotNegative("responseLength", responseLength);
        requireNotNegative("tokensIn", tokensIn);
        requireNotNegative("tokensOut", tokensOut);
        if (confidence != null && !(confidence >= 0 && confidence <= 1)) {
            throw new InvalidInputException("confidence must be from 0 to 1, was " + confidence);
        }
        sources = sources == null ? List.of() : List.copyOf(sources);
        Map<String, List<Long>> latency = new LinkedHashMap<>();
        (latencyMillis == null ? Map.<String, List<Long>>of() : latencyMillis).forEach((stage, samples) -> {
            for (Long sample : samples) {
                if (sample == null || sample < 0) {
                    throw new InvalidInputException("Latency samples must be >= 0 ms; stage '" + stage + "' has " + sample);
                }
            }
            latency.put(Objects.requireNonNull(stage, "stage"), List.copyOf(samples));
        });
        latencyMillis = Collections.unmodifiableMap(latency);
    }

    /**
     * @param messageId the answer's message id
     * @param at        when the answer was given
     * @return a builder whose other values start empty: no query, length 0, no confidence, no
     *         sources, no model, no tokens, no latency
     */
    public static Builder builder(UUID messageId, Instant at) {
        return new Builder(messageId, at);
    }

    private static void requireNotNegative(String name, int value) {
        if (value < 0) {
            throw new InvalidInputException(name + " must be >= 0, was " + value);
        }
    }

    /** Builds an {@link AnswerRecord}; every setter is optional. */
    public static final class Builder {
        private final UUID messageId;
        private final Instant at;
        private String query;
        private int responseLength;
        private Double confidence;
        private final List<String> sources = new ArrayList<>();
        private String model;
        private int tokensIn;
        private int tokensOut;
        private final Map<String, List<Long>> latencyMillis = new LinkedHashMap<>();

        private Builder(UUID messageId, Instant at) {
            this.messageId = messageId;
            this.at = at;
        }

        /** @param query the user's question; @return this builder */
        public Builder query(String query) {
            this.query = query;
            return this;
        }

        /** @param characters the answer's length; @return this builder */
        public Builder responseLength(int characters) {
            this.responseLength = characters;
            return this;
        }

        /** @param confidence from 0 to 1, or {@code null}; @return this builder */
        public Builder confidence(Double confidence) {
            this.confidence = confidence;
            return this;
        }

        /** @param entries knowledge-base entry ids the answer used, added in order; @return this builder */
        public Builder sources(List<String> entries) {
            sources.addAll(entries);
            return this;
        }

        /** @param model the model's name; @return this builder */
        public Builder model(String model) {
            this.model = model;
            return this;
        }

        /** @param tokensIn prompt tokens; @param tokensOut completion tokens; @return this builder */
        public Builder tokens(int tokensIn, int tokensOut) {
            this.tokensIn = tokensIn;
            this.tokensOut = tokensOut;
            return this;
        }

        /** Adds one latency sample of a stage such as {@code llm}. @param millis the sample in ms; @return this builder */
        public Builder latency(String stage, long millis) {
            latencyMillis.computeIfAbsent(stage, key -> new ArrayList<>()).add(millis);
            return this;
        }

        /** @return the record; fails with {@link InvalidInputException} naming a bad value */
        public AnswerRecord build() {
            return new AnswerRecord(messageId, query, responseLength, confidence, sources, model, tokensIn, tokensOut,
                    latencyMillis, at);
        }
    }
}
