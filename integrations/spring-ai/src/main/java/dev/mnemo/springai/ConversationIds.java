package dev.mnemo.springai;

import dev.mnemo.InvalidInputException;
import dev.mnemo.SessionId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Maps Spring AI conversation ids, which may be any string, to Mnemo {@link SessionId}s, which
 * are 1 to {@value SessionId#MAX_LENGTH} characters of {@code [A-Za-z0-9._:-]}. No id is ever
 * rejected:
 *
 * <ul>
 *   <li>an id that is already a valid session id is used unchanged, so sessions written through
 *       Mnemo's own API and through Spring AI are the same sessions;</li>
 *   <li>any other id (too long, empty, {@code "."}, a character outside the set) becomes a
 *       readable prefix, a dot and the SHA-256 of its UTF-8 bytes in lower-case hex:
 *       {@code "user 42/chat"} → {@code "user_42_chat.3b1f…"} (64 hex digits). The prefix is the
 *       id's first {@value #PREFIX_LENGTH} characters, each outside the set replaced by
 *       {@code _}, so the session can be found by eye in Redis or Firestore.</li>
 * </ul>
 *
 * <p>The mapping is a pure function, the same in every process. Two different ids that both need
 * hashing map to different sessions unless their SHA-256 collide. A valid id spelled exactly like
 * another id's hashed form is the same session as that id: reaching it takes knowing the hash.
 */
public final class ConversationIds {

    /** The most characters of the original id kept as the readable prefix of a hashed id. */
    public static final int PREFIX_LENGTH = 48;

    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._:-]");

    private ConversationIds() {
    }

    /**
     * @param conversationId a Spring AI conversation id: any string, {@code null} excepted
     * @return the session id it maps to, as described on {@link ConversationIds}
     */
    public static SessionId toSessionId(String conversationId) {
        if (conversationId == null) {
            throw new NullPointerException("conversationId");
        }
        try {
            return SessionId.of(conversationId);
        } catch (InvalidInputException notValid) {
            return hashed(conversationId);
        }
    }

    private static SessionId hashed(String conversationId) {
        String start = conversationId.substring(0, Math.min(conversationId.length(), PREFIX_LENGTH));
        String prefix = UNSAFE.matcher(start).replaceAll("_");
        String hash = HexFormat.of().formatHex(sha256(conversationId.getBytes(StandardCharsets.UTF_8)));
        return SessionId.of(prefix.isEmpty() ? hash : prefix + "." + hash);
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }
}
