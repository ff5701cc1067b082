package dev.mnemo;

import dev.mnemo.spi.SessionRef;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A chat session as a tier stores it: who owns it, when it was active, and running totals.
 *
 * @param id           the session's id
 * @param namespace    the namespace it lives in; every key and path of the session includes it
 * @param userId       the owner, or {@code null} for an anonymous session
 * @param createdAt    when it was created
 * @param updatedAt    when it last took a write
 * @param status       ACTIVE or ENDED
 * @param metadata     free JSON-compatible data, given at creation and changed by key with
 *                     {@code Mnemo.updateMetadata}; never null
 * @param messageCount how many messages it holds (all of them, not only a tier's window)
 * @param tokenCount   the sum of its messages' token counts
 * @param end          why and by whom it last ended, or {@code null} while it has never ended; kept
 *                     when an ENDED session is reopened, until it ends again
 */
public record Session(SessionId id, String namespace, @Nullable String userId, Instant createdAt, Instant updatedAt,
                      SessionStatus status, Map<String, Object> metadata, long messageCount, long tokenCount,
                      @Nullable SessionEnd end) {

    /** Checks the parts and copies the metadata. */
    public Session {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(status, "status");
        if (userId != null) {
            SessionRef.checkUserId(userId);
        }
        metadata = metadata == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /** A session that has never ended. */
    public Session(SessionId id, String namespace, @Nullable String userId, Instant createdAt, Instant updatedAt,
                   SessionStatus status, Map<String, Object> metadata, long messageCount, long tokenCount) {
        this(id, namespace, userId, createdAt, updatedAt, status, metadata, messageCount, tokenCount, null);
    }

    /**
     * A new, empty, active session.
     *
     * @param ref      its namespace and id
     * @param userId   the owner, or {@code null}
     * @param metadata free data, or {@code null}
     * @param now      the creation time
     * @return the session
     */
    public static Session create(SessionRef ref, @Nullable String userId, @Nullable Map<String, Object> metadata,
                                 Instant now) {
        return new Session(ref.id(), ref.namespace(), userId, now, now, SessionStatus.ACTIVE, metadata, 0, 0);
    }

    /** @return the namespace and id that address this session in every tier */
    public SessionRef ref() {
        return new SessionRef(namespace, id);
    }

    /** @return this session after a write of {@code messages} messages with {@code tokens} tokens at {@code now} */
    public Session plus(long messages, long tokens, Instant now) {
        return new Session(id, namespace, userId, createdAt, now, status, metadata,
                messageCount + messages, tokenCount + tokens, end);
    }

    /** @return this session marked ENDED at {@code now}, for the reason and by whom {@code end} says */
    public Session ended(Instant now, SessionEnd end) {
        return new Session(id, namespace, userId, createdAt, now, SessionStatus.ENDED, metadata, messageCount, tokenCount,
                Objects.requireNonNull(end, "end"));
    }

    /** @return this session ACTIVE again at {@code now}, its transcript and counters kept: an ENDED session reopened */
    public Session reopened(Instant now) {
        return new Session(id, namespace, userId, createdAt, now, SessionStatus.ACTIVE, metadata, messageCount, tokenCount,
                end);
    }

    /** @return this session with its last activity at {@code now} */
    public Session touched(Instant now) {
        return new Session(id, namespace, userId, createdAt, now, status, metadata, messageCount, tokenCount, end);
    }

    /**
     * @param changes metadata keys to set, a {@code null} value removing its key
     * @return this session with {@code changes} applied to its metadata at {@code now}
     */
    public Session withMetadata(Map<String, ? extends @Nullable Object> changes, Instant now) {
        Map<String, Object> merged = new LinkedHashMap<>(metadata);
        changes.forEach((key, value) -> {
            if (value == null) {
                merged.remove(key);
            } else {
                merged.put(key, value);
            }
        });
        return new Session(id, namespace, userId, createdAt, now, status, merged, messageCount, tokenCount, end);
    }
}
