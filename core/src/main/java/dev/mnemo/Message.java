package dev.mnemo;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One message of a conversation, immutable.
 *
 * <p>The {@link #id()} is a UUIDv7 minted when the object is built: it is time-ordered, so it
 * is also the message's position, and a retried append of the same object is recognised and
 * stored once. {@link #tokens()} is 0 until the message is appended; Mnemo counts it then, once,
 * with the session's encoding.
 *
 * @param id         UUIDv7, the position and the idempotency key
 * @param role       who the message is from
 * @param content    the text; empty only for an assistant message that carries tool calls
 * @param name       an optional participant or tool name, or {@code null}
 * @param toolCalls  the tool calls of an assistant message, otherwise empty
 * @param toolCallId the call a TOOL message answers; required on TOOL, {@code null} otherwise
 * @param metadata   free JSON-compatible data (confidence, sources, latency...), never null
 * @param createdAt  when the message was built
 * @param tokens     the token count stored with the message, 0 until counted
 */
public record Message(UUID id, Role role, String content, @Nullable String name, List<ToolCall> toolCalls,
                      @Nullable String toolCallId, Map<String, Object> metadata, Instant createdAt, int tokens) {

    /** Orders messages by id, which for UUIDv7 is the order they were built in. */
    public static final Comparator<Message> BY_ID = Comparator.comparing(Message::id, Message::compareIds);

    private static final TimeBasedEpochGenerator IDS = Generators.timeBasedEpochGenerator();

    /** @throws InvalidInputException when the parts do not make a valid message */
    public Message {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(createdAt, "createdAt");
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
        metadata = metadata == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        if (content.isBlank() && toolCalls.isEmpty()) {
            throw new InvalidInputException("Message " + id + " (" + role + ") has empty content");
        }
        if (!toolCalls.isEmpty() && role != Role.ASSISTANT) {
            throw new InvalidInputException("Message " + id + ": only ASSISTANT messages carry tool calls, not " + role);
        }
        if (role == Role.TOOL && (toolCallId == null || toolCallId.isBlank())) {
            throw new InvalidInputException("Message " + id + ": a TOOL message needs the toolCallId it answers");
        }
        if (role != Role.TOOL && toolCallId != null) {
            throw new InvalidInputException("Message " + id + ": only TOOL messages carry a toolCallId");
        }
        if (tokens < 0) {
            throw new InvalidInputException("Message " + id + ": negative token count " + tokens);
        }
    }

    /** @return a new system message */
    public static Message system(String content) {
        return builder(Role.SYSTEM).content(content).build();
    }

    /** @return a new user message */
    public static Message user(String content) {
        return builder(Role.USER).content(content).build();
    }

    /** @return a new assistant message */
    public static Message assistant(String content) {
        return builder(Role.ASSISTANT).content(content).build();
    }

    /**
     * @param toolCallId the id of the call this result answers
     * @param content    the tool's output
     * @return a new TOOL message
     */
    public static Message tool(String toolCallId, String content) {
        return builder(Role.TOOL).toolCallId(toolCallId).content(content).build();
    }

    /**
     * @param role who the message is from
     * @return a builder; the id is minted by {@link Builder#build()}
     */
    public static Builder builder(Role role) {
        return new Builder(role);
    }

    /**
     * @param tokens the counted tokens
     * @return this message with its token count set
     */
    public Message withTokens(int tokens) {
        return new Message(id, role, content, name, toolCalls, toolCallId, metadata, createdAt, tokens);
    }

    /**
     * @param other another message
     * @return whether {@code other} says the same: role, content, name, tool calls, tool-call id and
     *         metadata (compared as JSON) alike; the id, creation time and token count aside
     */
    public boolean sameContentAs(Message other) {
        return role == other.role && content.equals(other.content) && Objects.equals(name, other.name)
                && toolCalls.equals(other.toolCalls) && Objects.equals(toolCallId, other.toolCallId)
                && JsonCodec.normalize(metadata).equals(JsonCodec.normalize(other.metadata));
    }

    /** @return a fresh UUIDv7, monotonic within this process */
    public static UUID newId() {
        return IDS.generate();
    }

    /**
     * Compares two message ids as unsigned 128-bit numbers: the order of their text form and,
     * for UUIDv7, of their creation time.
     */
    public static int compareIds(UUID a, UUID b) {
        int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    }

    /** Builds a {@link Message}; every setter is optional but the content. */
    public static final class Builder {
        private final Role role;
        private String content = "";
        private String name;
        private final List<ToolCall> toolCalls = new ArrayList<>();
        private String toolCallId;
        private final Map<String, Object> metadata = new LinkedHashMap<>();

        private Builder(Role role) {
            this.role = Objects.requireNonNull(role, "role");
        }

        /** @param content the text; @return this builder */
        public Builder content(String content) {
            this.content = Objects.requireNonNull(content, "content");
            return this;
        }

        /** @param name a participant or tool name; @return this builder */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** Adds a tool call (assistant messages only). @return this builder */
        public Builder toolCall(String id, String name, String argumentsJson) {
            toolCalls.add(new ToolCall(id, name, argumentsJson));
            return this;
        }

        /** @param toolCallId the call a TOOL message answers; @return this builder */
        public Builder toolCallId(String toolCallId) {
            this.toolCallId = toolCallId;
            return this;
        }

        /** Adds one metadata entry; the value must be JSON-compatible. @return this builder */
        public Builder metadata(String key, Object value) {
            metadata.put(Objects.requireNonNull(key, "key"), value);
            return this;
        }

        /** Adds every metadata entry of {@code values}. @return this builder */
        public Builder metadata(Map<String, ?> values) {
            metadata.putAll(values);
            return this;
        }

        /**
         * @return the message, with a new UUIDv7 id and the current time
         * @throws InvalidInputException when the parts do not make a valid message
         */
        public Message build() {
            return new Message(newId(), role, content, name, toolCalls, toolCallId, metadata, Instant.now(), 0);
        }
    }
}
