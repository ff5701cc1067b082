package dev.mnemo.langchain4j;

import dev.mnemo.SessionId;
import dev.mnemo.spi.support.Ids;
import java.util.Objects;

/**
 * Maps a LangChain4j memory id, of any type, to a Mnemo {@link SessionId}; no memory id is rejected.
 *
 * <p>The mapping is {@link Ids#safe} of the id's {@code toString()}: a text that is already a valid
 * session id (1 to {@value SessionId#MAX_LENGTH} characters of {@code [A-Za-z0-9._:-]}, not
 * {@code "."} or {@code ".."}) is used as it is, so {@code "chat-42"}, {@code 42} and a {@code UUID}
 * keep their readable form; any other text (too long, empty, or with other characters, such as a
 * record's {@code "Chat[user=7]"}) becomes a readable prefix, its first {@value Ids#READABLE_PREFIX}
 * characters with each character outside that set replaced by {@code '-'}, then {@code '-'} and the
 * SHA-256 of the whole text in hex: {@code "Chat-user-7--<64 hex digits>"}. Ids with the same text
 * map to the same session: the number {@code 42} and the string {@code "42"} are one conversation in
 * Mnemo, as they are in LangChain4j's own stores.
 */
public final class SessionIds {

    private SessionIds() {
    }

    /**
     * @param memoryId the LangChain4j memory id, such as a {@code String}, a number, a {@code UUID} or a record
     * @return the session id it maps to, the same for every call with an id of the same text
     * @throws NullPointerException when {@code memoryId} is null
     */
    public static SessionId of(Object memoryId) {
        return SessionId.of(Ids.safe(Objects.requireNonNull(memoryId, "memoryId").toString(), SessionId.MAX_LENGTH));
    }
}
