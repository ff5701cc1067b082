package dev.mnemo.adk;

import dev.mnemo.SessionId;
import dev.mnemo.spi.support.Ids;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The Mnemo ids of ADK's session ids, user ids and function-call ids; no ADK id is rejected.
 *
 * <p>Mnemo's ids are 1 to 128 characters (256 for a tool call) of {@code [A-Za-z0-9._:-]}, so that
 * they are safe in every Redis key and Firestore path. The mapping is core's {@link Ids#safe}, the
 * one every Mnemo adapter uses: an ADK id that already is a valid id, such as the UUIDs ADK mints
 * for sessions and the {@code adk-<uuid>} ids of its function calls, is used as it is; any other,
 * such as a user id {@code "ada@example.com"}, becomes a readable prefix and the SHA-256 of the whole
 * id in hex: {@code "ada-example.com-<64 hex digits>"}.
 * The mapping is the same in every process, so the Mnemo user of an ADK user can always be found,
 * for instance to purge it with {@code mnemo.deleteUser(AdkIds.userId("ada@example.com"))}. The
 * ADK ids themselves are kept in the session's metadata and given back as they were.
 */
public final class AdkIds {

    /** The longest tool-call id Mnemo takes. */
    static final int MAX_CALL_ID_LENGTH = 256;

    private AdkIds() {
    }

    /**
     * @param adkSessionId an ADK session id
     * @return the Mnemo session id it is stored under
     */
    public static SessionId sessionId(String adkSessionId) {
        return SessionId.of(Ids.safe(Objects.requireNonNull(adkSessionId, "sessionId"), SessionId.MAX_LENGTH));
    }

    /**
     * @param adkUserId an ADK user id
     * @return the Mnemo user id its sessions are owned by
     */
    public static String userId(String adkUserId) {
        return Ids.safe(Objects.requireNonNull(adkUserId, "userId"), SessionId.MAX_LENGTH);
    }

    /**
     * @param id        a function call's or response's id, or {@code null}/empty when it has none
     * @param messageId the Mnemo id of the message that holds it
     * @param index     its position among the message's calls
     * @return the tool-call id Mnemo stores: the id made safe as above, so a call and its response
     *         still pair, or {@code call-<message id>-<index>} when there is none
     */
    static String callId(@Nullable String id, UUID messageId, int index) {
        return id == null || id.isEmpty() ? "call-" + messageId + "-" + index : Ids.safe(id, MAX_CALL_ID_LENGTH);
    }
}
