package dev.mnemo.springai;

import dev.mnemo.InvalidInputException;
import dev.mnemo.JsonCodec;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.ai.chat.messages.AbstractMessage;

/**
 * A Spring AI message's metadata as Mnemo stores it, and back. Mnemo keeps metadata as JSON, so
 * each value is normalised to JSON types (a bean becomes a map) when stored; Spring AI's own
 * {@code messageType} entry is left out, since every Spring AI message adds it back itself. The
 * mapping's own entries (media, tool-call types, original text) live under {@link #PREFIX} keys,
 * which are removed again on the way back.
 */
final class StoredMetadata {

    /** The prefix of the metadata keys this mapping writes; callers should not use it for their own keys. */
    static final String PREFIX = "spring-ai.";
    /** The message's media, see {@link MediaJson}. */
    static final String MEDIA = PREFIX + "media";
    /** The message's text when it differs from the stored content (null, or blank where Mnemo needs text). */
    static final String TEXT = PREFIX + "text";
    /** The type of each tool call, in order, when one is not {@code function}. */
    static final String TOOL_CALL_TYPES = PREFIX + "tool-call-types";

    private static final Logger LOG = LoggerFactory.getLogger(StoredMetadata.class);

    private StoredMetadata() {
    }

    /**
     * @return {@code metadata} without {@code messageType}, each value as JSON types; a value that
     *         cannot be written as JSON is left out and logged, since failing the chat turn for a
     *         piece of metadata would lose the message itself
     */
    static Map<String, Object> toStored(Map<String, Object> metadata) {
        Map<String, Object> stored = new LinkedHashMap<>();
        metadata.forEach((key, value) -> {
            if (AbstractMessage.MESSAGE_TYPE.equals(key)) {
                return;
            }
            try {
                stored.put(key, JsonCodec.normalize(value));
            } catch (InvalidInputException e) {
                LOG.warn("Metadata '{}' of a Spring AI message is not JSON and is not stored: {}", key, e.getMessage());
            }
        });
        return stored;
    }

    /** @return the stored metadata less this mapping's own keys: what the Spring AI message carried */
    static Map<String, Object> fromStored(Map<String, Object> stored) {
        Map<String, Object> metadata = new LinkedHashMap<>(stored);
        metadata.keySet().removeIf(key -> key.startsWith(PREFIX));
        return metadata;
    }
}
