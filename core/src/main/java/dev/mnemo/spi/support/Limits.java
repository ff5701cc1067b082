package dev.mnemo.spi.support;

import dev.mnemo.InvalidInputException;
import dev.mnemo.JsonCodec;
import dev.mnemo.Message;
import dev.mnemo.Summary;
import dev.mnemo.ToolCall;
import dev.mnemo.spi.SessionRef;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The argument checks every tier makes the same way, so each reports bad input alike. */
public final class Limits {

    private Limits() {
    }

    /** @throws InvalidInputException when {@code value} is under 1 */
    public static void requirePositive(String what, int value) {
        if (value < 1) {
            throw new InvalidInputException(what + " must be at least 1, was " + value);
        }
    }

    /** @throws InvalidInputException when the batch is empty or holds a null */
    public static void requireMessages(SessionRef ref, List<Message> messages) {
        if (messages == null || messages.isEmpty() || messages.stream().anyMatch(java.util.Objects::isNull)) {
            throw new InvalidInputException("Nothing to append to session " + ref + ": the batch is empty or holds null");
        }
    }

    /** The deepest nesting of a metadata or state value accepted. */
    public static final int MAX_JSON_DEPTH = 32;

    /**
     * Checks a message before anything of it is stored: its text is well-formed (no unpaired UTF-16
     * surrogate, which no tier could store unaltered), its metadata is JSON (each value, by key, at
     * most {@value #MAX_JSON_DEPTH} levels deep), and its content, tool-call arguments and metadata
     * together take at most {@code maxBytes} bytes of UTF-8.
     *
     * @param maxBytes the largest message accepted ({@code mnemo.max-content-bytes})
     * @throws InvalidInputException naming the message, the part at fault and the session
     */
    public static void requireStorable(SessionRef ref, Message message, int maxBytes) {
        String at = "Message " + message.id() + " for session " + ref;
        requireText(at + ": content", message.content());
        requireText(at + ": name", message.name());
        requireText(at + ": tool call id", message.toolCallId());
        long bytes = utf8Length(message.content());
        for (ToolCall call : message.toolCalls()) {
            requireText(at + ": tool call name", call.name());
            requireText(at + ": arguments of tool call " + call.id(), call.arguments());
            bytes += utf8Length(call.arguments());
        }
        if (!message.metadata().isEmpty()) {
            message.metadata().forEach((key, value) -> {
                requireText(at + ": a metadata key", key);
                requireJson(at + ": metadata " + quote(key), value);
            });
            bytes += utf8Length(JsonCodec.write(message.metadata()));
        }
        if (bytes > maxBytes) {
            throw new InvalidInputException(at + " has " + bytes + " bytes of content, tool-call arguments and metadata,"
                    + " over the limit of " + maxBytes + " (mnemo.max-content-bytes)");
        }
    }

    /**
     * @param what what the text is, for the message
     * @param text the text, or {@code null}
     * @return {@code text}
     * @throws InvalidInputException when it holds an unpaired UTF-16 surrogate: stored as UTF-8 it would
     *         come back altered
     */
    public static @Nullable String requireText(String what, @Nullable String text) {
        if (text == null) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new InvalidInputException(what + " holds an unpaired UTF-16 surrogate at index " + i
                        + ", which no tier stores unaltered: " + quote(text));
            }
        }
        return text;
    }

    /**
     * Checks a metadata or state value: JSON-representable, at most {@value #MAX_JSON_DEPTH} levels
     * deep, and every key and string in it well-formed ({@link #requireText}).
     *
     * @param what  what the value is, naming its key, for the message
     * @param value the value
     * @return the value as JSON types (maps, lists, strings, numbers, booleans, null)
     * @throws InvalidInputException naming {@code what} when it is none of that
     */
    public static @Nullable Object requireJson(String what, @Nullable Object value) {
        requireDepth(what, value, 0); // before Jackson walks it: a deep value would overflow its stack
        Object normalized;
        try {
            normalized = value == null ? null : JsonCodec.normalize(value);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(what + " is not JSON-representable: a " + value.getClass().getName(), e);
        }
        requireJsonTree(what, normalized, 0);
        return normalized;
    }

    /** The most bytes of a session's metadata, as JSON: a Firestore document holds 1 MiB in all. */
    public static final int MAX_SESSION_METADATA_BYTES = 64 * 1024;

    /**
     * Checks a session's metadata, or changes to it, as {@link #requireJson} does each value, and
     * bounds its size.
     *
     * @param what     what the metadata belongs to, for the message
     * @param metadata the metadata; a {@code null} value (a removal) is kept
     * @return the metadata with its values as JSON types, in its order
     * @throws InvalidInputException naming the key at fault, or the size
     */
    public static Map<String, @Nullable Object> requireMetadata(String what, Map<String, ? extends @Nullable Object> metadata) {
        Map<String, @Nullable Object> normalized = new java.util.LinkedHashMap<>();
        metadata.forEach((key, value) -> normalized.put(requireText(what + ": a metadata key", java.util.Objects.requireNonNull(
                key, "metadata key")), requireJson(what + ": metadata " + quote(key), value)));
        long bytes = utf8Length(JsonCodec.write(normalized));
        if (bytes > MAX_SESSION_METADATA_BYTES) {
            throw new InvalidInputException(what + ": metadata of " + bytes + " bytes, over the limit of "
                    + MAX_SESSION_METADATA_BYTES);
        }
        return normalized;
    }

    private static void requireDepth(String what, @Nullable Object value, int depth) {
        if (depth > MAX_JSON_DEPTH) {
            throw new InvalidInputException(what + " nests deeper than " + MAX_JSON_DEPTH + " levels");
        }
        if (value instanceof Map<?, ?> map) {
            map.values().forEach(item -> requireDepth(what, item, depth + 1));
        } else if (value instanceof Iterable<?> items) {
            items.forEach(item -> requireDepth(what, item, depth + 1));
        } else if (value instanceof Object[] array) {
            for (Object item : array) {
                requireDepth(what, item, depth + 1);
            }
        }
    }

    private static void requireJsonTree(String what, @Nullable Object value, int depth) {
        if (depth > MAX_JSON_DEPTH) {
            throw new InvalidInputException(what + " nests deeper than " + MAX_JSON_DEPTH + " levels");
        }
        if (value instanceof String text) {
            requireText(what, text);
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((key, item) -> {
                requireText(what + " (a key)", String.valueOf(key));
                requireJsonTree(what, item, depth + 1);
            });
        } else if (value instanceof List<?> list) {
            list.forEach(item -> requireJsonTree(what, item, depth + 1));
        }
    }

    private static long utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    /**
     * Versions only move forward; a copy between tiers may skip versions, so any later one is accepted.
     *
     * @throws InvalidInputException when {@code summary}'s version is not above {@code expectedVersion}
     */
    public static void requireLaterVersion(long expectedVersion, Summary summary) {
        if (expectedVersion < 0 || summary.version() <= expectedVersion) {
            throw new InvalidInputException("Summary version must be above " + expectedVersion
                    + " to replace it, was " + summary.version());
        }
    }

    /** The most characters of a caller's value that {@link #quote} shows. */
    public static final int QUOTED_LENGTH = Quoting.LENGTH;

    /**
     * Quotes a value for an error message or a log line: control characters escaped (so no value can
     * forge a line) and cut after {@value #QUOTED_LENGTH} characters.
     *
     * @return {@code value} in double quotes, escaped and truncated
     */
    public static String quote(String value) {
        return Quoting.quote(value);
    }
}
