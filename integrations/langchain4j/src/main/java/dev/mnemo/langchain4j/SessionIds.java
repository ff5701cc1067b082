package dev.mnemo.langchain4j;

import dev.mnemo.SessionId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Maps a LangChain4j memory id, of any type, to a Mnemo {@link SessionId}; no memory id is rejected.
 *
 * <p>The mapping works on the id's {@code toString()}:
 * <ul>
 *   <li>a text that is already a valid session id (1 to {@value SessionId#MAX_LENGTH} characters of
 *       {@code [A-Za-z0-9._:-]}, not {@code "."} or {@code ".."}) is used as it is, so
 *       {@code "chat-42"}, {@code 42} and a {@code UUID} keep their readable form;</li>
 *   <li>any other text (too long, empty, or with other characters, such as a record's
 *       {@code "Chat[user=7]"}) becomes a readable prefix, its first {@value #PREFIX_LENGTH}
 *       characters with each character outside that set replaced by {@code '-'}, then {@code '-'}
 *       and the SHA-256 of the whole text in hex: {@code "Chat-user-7--<64 hex digits>"}.</li>
 * </ul>
 * Ids with the same text map to the same session: the number {@code 42} and the string
 * {@code "42"} are one conversation in Mnemo, as they are in LangChain4j's own stores. A valid text
 * that happens to spell the hashed form of another id would share its session; the digest makes
 * that a deliberate choice, never an accident.
 */
public final class SessionIds {

    /** How many characters of an id that must be hashed are kept, readable, before the digest. */
    public static final int PREFIX_LENGTH = 40;

    private static final Pattern INVALID_CHARACTER = Pattern.compile("[^A-Za-z0-9._:-]");

    private SessionIds() {
    }

    /**
     * @param memoryId the LangChain4j memory id, such as a {@code String}, a number, a {@code UUID} or a record
     * @return the session id it maps to, the same for every call with an id of the same text
     * @throws NullPointerException when {@code memoryId} is null
     */
    public static SessionId of(Object memoryId) {
        return SessionId.of(safe(Objects.requireNonNull(memoryId, "memoryId").toString(), SessionId.MAX_LENGTH));
    }

    /**
     * @return {@code text} if it is 1 to {@code maxLength} characters of {@code [A-Za-z0-9._:-]} and
     *         not {@code "."} or {@code ".."}, else its readable prefix and digest, as described above
     */
    static String safe(String text, int maxLength) {
        if (!text.isEmpty() && text.length() <= maxLength && !INVALID_CHARACTER.matcher(text).find()
                && !text.equals(".") && !text.equals("..")) {
            return text;
        }
        String readable = text.substring(0, Math.min(text.length(), PREFIX_LENGTH));
        return INVALID_CHARACTER.matcher(readable).replaceAll("-") + "-" + sha256(text);
    }

    /** @return the SHA-256 of the text's UTF-8 bytes, in lower-case hex */
    static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }
}
