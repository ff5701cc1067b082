package dev.mnemo.adk;

import dev.mnemo.SessionId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The Mnemo ids of ADK's session ids, user ids and function-call ids; no ADK id is rejected.
 *
 * <p>Mnemo's ids are 1 to 128 characters (256 for a tool call) of {@code [A-Za-z0-9._:-]}, so that
 * they are safe in every Redis key and Firestore path. An ADK id that already is one, such as the
 * UUIDs ADK mints for sessions and the {@code adk-<uuid>} ids of its function calls, is used as it
 * is. Any other, such as a user id {@code "ada@example.com"}, becomes a readable prefix (its first
 * {@value #PREFIX_LENGTH} characters, each one outside that set replaced by {@code '-'}), then
 * {@code '-'} and the SHA-256 of the whole id in hex: {@code "ada-example.com-<64 hex digits>"}.
 * The mapping is the same in every process, so the Mnemo user of an ADK user can always be found,
 * for instance to purge it with {@code mnemo.deleteUser(AdkIds.userId("ada@example.com"))}. The
 * ADK ids themselves are kept in the session's metadata and given back as they were.
 */
public final class AdkIds {

    /** How many characters of an id that must be hashed are kept, readable, before the digest. */
    public static final int PREFIX_LENGTH = 40;

    /** The longest tool-call id Mnemo takes. */
    static final int MAX_CALL_ID_LENGTH = 256;

    private static final Pattern INVALID_CHARACTER = Pattern.compile("[^A-Za-z0-9._:-]");

    private AdkIds() {
    }

    /**
     * @param adkSessionId an ADK session id
     * @return the Mnemo session id it is stored under
     */
    public static SessionId sessionId(String adkSessionId) {
        return SessionId.of(safe(Objects.requireNonNull(adkSessionId, "sessionId"), SessionId.MAX_LENGTH));
    }

    /**
     * @param adkUserId an ADK user id
     * @return the Mnemo user id its sessions are owned by
     */
    public static String userId(String adkUserId) {
        return safe(Objects.requireNonNull(adkUserId, "userId"), SessionId.MAX_LENGTH);
    }

    /**
     * @param id        a function call's or response's id, or {@code null}/empty when it has none
     * @param messageId the Mnemo id of the message that holds it
     * @param index     its position among the message's calls
     * @return the tool-call id Mnemo stores: the id made safe as above, so a call and its response
     *         still pair, or {@code call-<message id>-<index>} when there is none
     */
    static String callId(@Nullable String id, UUID messageId, int index) {
        return id == null || id.isEmpty() ? "call-" + messageId + "-" + index : safe(id, MAX_CALL_ID_LENGTH);
    }

    /** @return {@code text} when it is a valid Mnemo id of at most {@code maxLength}, else its prefix and digest */
    static String safe(String text, int maxLength) {
        if (!text.isEmpty() && text.length() <= maxLength && !INVALID_CHARACTER.matcher(text).find()
                && !text.equals(".") && !text.equals("..")) {
            return text;
        }
        String readable = text.substring(0, Math.min(text.length(), PREFIX_LENGTH));
        return INVALID_CHARACTER.matcher(readable).replaceAll("-") + "-" + sha256(text);
    }

    private static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }
}
