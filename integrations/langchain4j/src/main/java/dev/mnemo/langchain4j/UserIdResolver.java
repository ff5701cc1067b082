package dev.mnemo.langchain4j;

import org.jspecify.annotations.Nullable;

/**
 * The owner of the session a memory id opens, so that {@code Mnemo.listSessions(user, n)} lists the
 * user's conversations and {@code Mnemo.deleteUser(user)} purges them. The memory id is whatever
 * the application passes as {@code @MemoryId}: a record that carries the user, a text
 * {@code "user-7:chat-3"}, a number looked up elsewhere.
 */
@FunctionalInterface
public interface UserIdResolver {

    /** Every session anonymous: the default. */
    UserIdResolver ANONYMOUS = memoryId -> null;

    /**
     * @param memoryId the LangChain4j memory id
     * @return the Mnemo user id of its session (1 to 128 characters of {@code [A-Za-z0-9._:-]}; for
     *         an e-mail or other free text, {@code Ids.safe(text, SessionId.MAX_LENGTH)}), or
     *         {@code null} for an anonymous session
     */
    @Nullable String userId(Object memoryId);
}
