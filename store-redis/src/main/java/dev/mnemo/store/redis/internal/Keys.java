package dev.mnemo.store.redis.internal;

import dev.mnemo.spi.SessionRef;

/**
 * The Redis keys of Mnemo's data, all below one prefix and the namespace, so that one namespace
 * can never reach another's keys. Session ids and user ids are validated to
 * {@code [A-Za-z0-9._:-]} before they get here, so none contains a brace and every hash tag is
 * the one this class puts in; the prefix and the namespace hold no {@code :} either, so each key
 * names its prefix and namespace unambiguously (no prefix {@code mnemo:a} beside namespace
 * {@code a:b}, whose keys would be one another's):
 * <ul>
 *   <li>{@code <prefix>:<ns>:{<sid>}:meta|msgs|summary|state}: a session; the shared tag puts
 *       all of them on one Cluster slot, so one script can touch them all.</li>
 *   <li>{@code <prefix>:<ns>:{<sid>}:journal|journal-data}: the session's messages the durable tier
 *       does not hold yet, on the same slot, so the append script journals them in its own step;
 *       they never expire while they hold entries. {@code <prefix>:<ns>:journal-due} is the
 *       namespace's index of sessions with entries, on a slot of its own.</li>
 *   <li>{@code <prefix>:<ns>:user:{<uid>}} (the user's sessions by last activity) and
 *       {@code <prefix>:<ns>:user-state:{<uid>}} ({@code user:} state): one slot per user.</li>
 *   <li>{@code <prefix>:<ns>:app-state}: the namespace's {@code app:} state.</li>
 *   <li>Analytics: {@code <prefix>:<ns>:{<sid>}:analytics} (a session's buffer, on its slot),
 *       {@code <prefix>:<ns>:analytics-due} (the namespace's schedule) and
 *       {@code <prefix>:<ns>:analytics-forgotten:{<uid>}} (a user's purge time).</li>
 * </ul>
 * Session keys end after the tag with a suffix and user keys end with the tag, so no session key
 * equals a user key.
 */
public final class Keys {

    private final String prefix;

    /** @param prefix the first part of every key, already validated */
    public Keys(String prefix) {
        this.prefix = prefix;
    }

    /** @return the keys of one session */
    public SessionKeys session(SessionRef ref) {
        String base = prefix + ":" + ref.namespace() + ":{" + ref.id().value() + "}:";
        return new SessionKeys(base + "meta", base + "msgs", base + "summary", base + "state", base + "journal",
                base + "journal-data", base + "changes", base + "tombstone", base + "analytics");
    }

    /**
     * @return the hash of the namespace's purges the durable tier has not applied yet: field
     *         {@code session:<sid>} or {@code user:<uid>}, value the purge time in epoch ms; no TTL
     */
    public String purges(String namespace) {
        return prefix + ":" + namespace + ":purges";
    }

    /**
     * @return the sorted set of the namespace's sessions whose journal holds entries, scored by when
     *         (epoch ms) their lease runs out and any process may flush them
     */
    public String journalDue(String namespace) {
        return prefix + ":" + namespace + ":journal-due";
    }

    /** @return the sorted set of the user's session ids, scored by last activity in epoch milliseconds */
    public String userIndex(String namespace, String userId) {
        return prefix + ":" + namespace + ":user:{" + userId + "}";
    }

    /** @return the hash of the user's {@code user:} state */
    public String userState(String namespace, String userId) {
        return prefix + ":" + namespace + ":user-state:{" + userId + "}";
    }

    /** @return the hash of a session's buffered analytics, on the session's slot */
    public String sessionAnalytics(SessionRef ref) {
        return prefix + ":" + ref.namespace() + ":{" + ref.id().value() + "}:analytics";
    }

    /** @return the sorted set of the namespace's sessions with analytics, scored by when each is next due, in epoch ms */
    public String analyticsDue(String namespace) {
        return prefix + ":" + namespace + ":analytics-due";
    }

    /** @return the string holding when the user's analytics were last purged */
    public String analyticsForgotten(String namespace, String userId) {
        return prefix + ":" + namespace + ":analytics-forgotten:{" + userId + "}";
    }

    /** @return the hash of the namespace's {@code app:} state */
    public String appState(String namespace) {
        return prefix + ":" + namespace + ":app-state";
    }

    /**
     * The keys of one session, in the order every session script takes them as {@code KEYS}.
     *
     * @param meta    hash: owner, status, timestamps, metadata, the message and token counters, and the
     *                highest ids stored and trimmed
     * @param msgs    list: the latest messages as JSON, in id order, each id once, trimmed to the window
     * @param summary string: the summary as JSON
     * @param state   hash: session-scoped state, each value as JSON
     * @param journal sorted set: the ids of messages the durable tier does not hold yet, scored 0
     *                (pending, so in id order) or 1 (poisoned: refused by the durable tier)
     * @param journalData hash: each journaled message's JSON by id, and under {@code session} the
     *                meta hash as it was when the journal got its first entry
     * @param changes list: the session changes the durable tier does not hold yet, oldest first, each
     *                {@code <entry id> <JSON>} ({@link dev.mnemo.spi.support.ChangeCodec}); never expires
     * @param tombstone string: when the session was last purged (epoch ms), kept for the tombstone's
     *                retention, so nothing created before then comes back
     * @param analytics the session's analytics buffer, see {@link #sessionAnalytics}
     */
    public record SessionKeys(String meta, String msgs, String summary, String state, String journal,
                              String journalData, String changes, String tombstone, String analytics) {

        /** @return every key, in script order */
        public String[] all() {
            return new String[] {meta, msgs, summary, state, journal, journalData, changes, tombstone, analytics};
        }
    }
}
