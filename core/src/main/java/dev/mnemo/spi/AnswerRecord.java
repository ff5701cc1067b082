package dev.mnemo.spi;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The analytics of one assistant answer, buffered until its session ends.
 *
 * @param messageId      the answer's message id (unique per answer, so a replayed buffer write is recognised)
 * @param query          the user's question it answers, or {@code null}
 * @param responseLength the answer's length in characters
 * @param confidence     the answer's confidence from 0 to 1, or {@code null}
 * @param sources        the knowledge-base entries the answer used, never null
 * @param model          the model that wrote it, or {@code null}
 * @param tokensIn       prompt tokens
 * @param tokensOut      completion tokens
 * @param latencyMillis  latency samples in milliseconds by stage ({@code stt}, {@code llm}, {@code tts}, ...)
 * @param at             when the answer was given
 */
public record AnswerRecord(UUID messageId, String query, int responseLength, Double confidence, List<String> sources,
                           String model, int tokensIn, int tokensOut, Map<String, List<Long>> latencyMillis,
                           Instant at) {

    /** Copies the collections. */
    public AnswerRecord {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(at, "at");
        sources = sources == null ? List.of() : List.copyOf(sources);
        latencyMillis = latencyMillis == null ? Map.of() : Map.copyOf(latencyMillis);
    }
}
