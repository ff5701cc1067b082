package dev.mnemo.springai;

import dev.mnemo.SessionId;
import dev.mnemo.spi.support.Ids;
import java.util.Objects;

/**
 * Maps Spring AI conversation ids, which may be any string, to Mnemo {@link SessionId}s, which are
 * 1 to {@value SessionId#MAX_LENGTH} characters of {@code [A-Za-z0-9._:-]}; no id is ever rejected.
 * The mapping is {@link Ids#safe}, the one every Mnemo adapter uses: an id that is already a valid
 * session id is used unchanged, so sessions written through Mnemo's own API and through Spring AI
 * are the same sessions; any other (too long, empty, {@code "."}, a character outside the set)
 * becomes a readable prefix, {@code '-'} and its SHA-256: {@code "user 42/chat"} becomes
 * {@code "user-42-chat-<64 hex digits>"}. A pure function, the same in every process.
 */
public final class ConversationIds {

    private ConversationIds() {
    }

    /**
     * @param conversationId a Spring AI conversation id: any string, {@code null} excepted
     * @return the session id it maps to, as described on {@link ConversationIds}
     */
    public static SessionId toSessionId(String conversationId) {
        return SessionId.of(Ids.safe(Objects.requireNonNull(conversationId, "conversationId"), SessionId.MAX_LENGTH));
    }
}
