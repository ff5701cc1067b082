package dev.mnemo.analytics;

import dev.mnemo.Message;
import dev.mnemo.Role;
import dev.mnemo.spi.AnswerRecord;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * How an appended message becomes the analytics of an answer. An answer is an ASSISTANT message
 * that calls no tool (a message that calls tools is a step on the way, not an answer). Its
 * metadata may carry, under these keys:
 * <ul>
 *   <li>{@value #QUERY}: the question, text; else the last USER message before the answer</li>
 *   <li>{@value #CONFIDENCE}: a number from 0 to 1</li>
 *   <li>{@value #SOURCES}: a list of knowledge-base entry ids (text, or objects with an {@code id})</li>
 *   <li>{@value #MODEL}: the model's name</li>
 *   <li>{@value #TOKENS_IN} and {@value #TOKENS_OUT}: prompt and completion tokens; completion
 *       tokens default to the answer's own count</li>
 *   <li>{@value #LATENCY}: milliseconds by stage, each a number or a list of numbers, such as
 *       {@code {"stt": 180, "llm": [640, 95], "tts": 210}}</li>
 * </ul>
 * A value of the wrong type, or out of range, is left out; it never fails the append.
 */
public final class AnswerMetadata {

    /** The metadata key of the question. */
    public static final String QUERY = "query";
    /** The metadata key of the confidence. */
    public static final String CONFIDENCE = "confidence";
    /** The metadata key of the knowledge-base sources. */
    public static final String SOURCES = "sources";
    /** The metadata key of the model. */
    public static final String MODEL = "model";
    /** The metadata key of the prompt tokens. */
    public static final String TOKENS_IN = "tokensIn";
    /** The metadata key of the completion tokens. */
    public static final String TOKENS_OUT = "tokensOut";
    /** The metadata key of the latency samples by stage, in milliseconds. */
    public static final String LATENCY = "latency";

    private AnswerMetadata() {
    }

    /** @return whether {@code message} is an answer: an ASSISTANT message that calls no tool */
    public static boolean isAnswer(Message message) {
        return message.role() == Role.ASSISTANT && message.toolCalls().isEmpty();
    }

    /** @return the question the metadata names, if it names one as text */
    public static @Nullable String query(Message answer) {
        return answer.metadata().get(QUERY) instanceof String query ? query : null;
    }

    /**
     * @param answer        an answer, see {@link #isAnswer}
     * @param query         the question when the metadata names none, or {@code null}
     * @param maxQueryChars the longest question kept; a longer one is cut
     * @return the answer's analytics
     */
    public static AnswerRecord toRecord(Message answer, @Nullable String query, int maxQueryChars) {
        Map<String, Object> metadata = answer.metadata();
        String question = query(answer) != null ? query(answer) : query;
        String content = answer.content();
        AnswerRecord.Builder record = AnswerRecord.builder(answer.id(), answer.createdAt())
                .query(question == null || question.length() <= maxQueryChars ? question : question.substring(0, maxQueryChars))
                .responseLength(content.codePointCount(0, content.length()))
                .model(metadata.get(MODEL) instanceof String model ? model : null)
                .tokens(count(metadata.get(TOKENS_IN), 0), count(metadata.get(TOKENS_OUT), answer.tokens()));
        if (metadata.get(CONFIDENCE) instanceof Number confidence
                && confidence.doubleValue() >= 0 && confidence.doubleValue() <= 1) {
            record.confidence(confidence.doubleValue());
        }
        if (metadata.get(SOURCES) instanceof List<?> sources) {
            record.sources(sources.stream().map(AnswerMetadata::sourceId).filter(id -> id != null && !id.isBlank()).toList());
        }
        if (metadata.get(LATENCY) instanceof Map<?, ?> stages) {
            stages.forEach((stage, samples) -> {
                List<?> values = samples instanceof List<?> list ? list : List.of(samples);
                for (Object sample : values) {
                    if (stage instanceof String name && sample instanceof Number millis && millis.doubleValue() >= 0) {
                        record.latency(name, Math.round(millis.doubleValue()));
                    }
                }
            });
        }
        return record.build();
    }

    private static String sourceId(Object source) {
        if (source instanceof Map<?, ?> entry) {
            return entry.get("id") == null ? null : String.valueOf(entry.get("id"));
        }
        return source instanceof String || source instanceof Number ? String.valueOf(source) : null;
    }

    private static int count(Object value, int fallback) {
        return value instanceof Number number && number.longValue() >= 0 && number.longValue() <= Integer.MAX_VALUE
                ? number.intValue() : fallback;
    }
}
