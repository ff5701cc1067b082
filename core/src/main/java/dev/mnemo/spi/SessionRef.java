package dev.mnemo.spi;

import dev.mnemo.SessionId;
import dev.mnemo.spi.support.Ids;

/**
 * The address of a session in a tier: its namespace and id. Every key and path a store builds
 * includes both, so one namespace can never read or delete another's session.
 *
 * @param namespace 1 to {@value #MAX_NAMESPACE_LENGTH} characters of {@code [A-Za-z0-9._-]} (no {@code :})
 * @param id        the session id
 */
public record SessionRef(String namespace, SessionId id) {

    /** The longest namespace accepted, in characters. */
    public static final int MAX_NAMESPACE_LENGTH = 64;

    /** @throws dev.mnemo.InvalidInputException naming a bad namespace */
    public SessionRef {
        checkNamespace(namespace);
        java.util.Objects.requireNonNull(id, "id");
    }

    /**
     * A namespace holds no {@code :}, the separator of the parts of a Redis key: else namespace
     * {@code a:b} under key prefix {@code mnemo} and namespace {@code b} under prefix {@code mnemo:a}
     * would share every key.
     *
     * @param namespace a namespace to check
     * @return {@code namespace}
     * @throws dev.mnemo.InvalidInputException naming the bad value
     */
    public static String checkNamespace(String namespace) {
        return Ids.checkKeyPart("namespace", namespace, MAX_NAMESPACE_LENGTH);
    }

    /**
     * @param userId a user id to check: the same characters as a session id
     * @return {@code userId}
     * @throws dev.mnemo.InvalidInputException naming the bad value
     */
    public static String checkUserId(String userId) {
        return Ids.check("user id", userId, SessionId.MAX_LENGTH);
    }

    @Override
    public String toString() {
        return namespace + "/" + id;
    }
}
