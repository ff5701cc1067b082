package dev.mnemo.springai;

import org.jspecify.annotations.Nullable;

/**
 * The owner of the session a conversation opens, so that {@code Mnemo.listSessions(user, n)} lists
 * the user's conversations and {@code Mnemo.deleteUser(user)} purges them. Spring AI passes only
 * the conversation id to a {@code ChatMemory}: name conversations so that their user can be read
 * from them ({@code "user-7:chat-3"}), or look the user up.
 */
@FunctionalInterface
public interface UserIdResolver {

    /** Every session anonymous: the default. */
    UserIdResolver ANONYMOUS = conversationId -> null;

    /**
     * @param conversationId the Spring AI conversation id
     * @return the Mnemo user id of its session (1 to 128 characters of {@code [A-Za-z0-9._:-]}; for
     *         an e-mail or other free text, {@code Ids.safe(text, SessionId.MAX_LENGTH)}), or
     *         {@code null} for an anonymous session
     */
    @Nullable String userId(String conversationId);
}
