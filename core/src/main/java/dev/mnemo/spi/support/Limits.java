package dev.mnemo.spi.support;

import dev.mnemo.InvalidInputException;
import dev.mnemo.Message;
import dev.mnemo.Summary;
import dev.mnemo.ToolCall;
import dev.mnemo.spi.SessionRef;
import java.nio.charset.StandardCharsets;
import java.util.List;

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

    /**
     * @param maxBytes the largest content accepted, in UTF-8 bytes of the content and the tool-call arguments
     * @throws InvalidInputException naming the message, the session and the limit when it is larger
     */
    public static void requireContentSize(SessionRef ref, Message message, int maxBytes) {
        long bytes = utf8Length(message.content());
        for (ToolCall call : message.toolCalls()) {
            bytes += utf8Length(call.arguments());
        }
        if (bytes > maxBytes) {
            throw new InvalidInputException("Message " + message.id() + " for session " + ref + " has " + bytes
                    + " bytes of content, over the limit of " + maxBytes + " (mnemo.max-content-bytes)");
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
    public static final int QUOTED_LENGTH = 64;

    /**
     * Quotes a value for an error message or a log line: control characters escaped (so no value can
     * forge a line) and cut after {@value #QUOTED_LENGTH} characters.
     *
     * @return {@code value} in double quotes, escaped and truncated
     */
    public static String quote(String value) {
        StringBuilder quoted = new StringBuilder("\"");
        int shown = Math.min(value.length(), QUOTED_LENGTH);
        for (int i = 0; i < shown; i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                quoted.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f || Character.isSurrogate(c)) {
                quoted.append(String.format("\\u%04x", (int) c));
            } else {
                quoted.append(c);
            }
        }
        quoted.append('"');
        if (value.length() > shown) {
            quoted.append("... (").append(value.length()).append(" characters)");
        }
        return quoted.toString();
    }
}
