package dev.mnemo.spi;

import dev.mnemo.Message;
import dev.mnemo.SessionId;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * A capability of a shared hot tier (see {@link MemoryStore#capability}): it keeps, in the same
 * atomic step as its own append, every message the durable tier has not yet taken, so that an
 * acknowledged message never depends on the memory of the process that took it. Any process can
 * flush a journal: sessions with entries are found in a per-namespace index, each claimed under a
 * lease, and an entry leaves the journal only once the durable tier holds it.
 *
 * <p>Entries are typed: messages, keyed by id (writing one twice keeps one, and flushing one twice
 * is harmless because the durable tier is idempotent by id), and {@link SessionChange}s (create,
 * state, metadata, end), kept in the order they were made and applied in that order, after the
 * session's messages. A purge is final: it clears the session from the hot tier and its journal,
 * leaves a tombstone that every later write of the same session checks, and records a
 * {@link Purge} that any process applies to the durable tier once it answers.
 *
 * <p>Every method fails its stage, never throws.
 */
public interface DurableJournal {

    /**
     * A session change as the journal holds it.
     *
     * @param entry  its entry id, unique in the session's journal, for {@link #settleChanges}
     * @param change the change
     */
    record JournaledChange(String entry, SessionChange<?> change) {
    }

    /**
     * What {@link #writeJournaled} answers.
     *
     * @param value   what the hot tier's own write answers
     * @param entry   the change's entry id, or {@code null} when the hot tier had nothing to journal
     *                (the write changed nothing, such as an end of a session that had ended)
     * @param earlier how many changes of the session were pending before this one
     * @param <T>     the value's type
     */
    record Journaled<T>(T value, @Nullable String entry, long earlier) {
    }

    /**
     * A purge the durable tier has not applied yet.
     *
     * @param namespace the namespace
     * @param session   the session purged, or {@code null} for a whole user's purge
     * @param userId    the user whose data goes (a user purge), or {@code null} for a session's
     * @param at        when it was asked for
     */
    record Purge(String namespace, @Nullable SessionId session, @Nullable String userId, Instant at) {
    }

    /**
     * How far the durable tier is behind, for health reports.
     *
     * @param sessions how many sessions of the namespace have pending entries
     * @param oldest   when the oldest pending entry of the session that is due first was made, if any
     */
    record Backlog(long sessions, @Nullable Instant oldest) {
    }

    /**
     * One session the durable tier is behind on, for operators.
     *
     * @param ref      the session
     * @param pending  messages waiting for the durable tier
     * @param poisoned messages it refused, kept and retried
     * @param changes  session changes (create, state, metadata, end) waiting for it
     * @param oldest   when the oldest pending message was made, if any
     */
    record SessionBacklog(SessionRef ref, long pending, long poisoned, long changes, @Nullable Instant oldest) {
    }

    /**
     * What a purge of the hot tier answers.
     *
     * @param sessions how many sessions the hot tier held (0 or 1 for a session's purge)
     * @param purge    the purge recorded for the durable tier, for {@link #purgeApplied}
     */
    record Purged(int sessions, Purge purge) {
    }

    /**
     * Applies a change to the hot tier as the matching {@link MemoryStore} call does and, in the
     * same atomic step, journals it for the durable tier; the session is then in its namespace's
     * index of sessions with entries.
     *
     * @return the hot tier's answer and the entry; fails as the matching call does, and with
     *         {@link dev.mnemo.JournalFullException} when the journal is full (nothing written then)
     */
    <T> CompletionStage<Journaled<T>> writeJournaled(SessionChange<T> change);

    /**
     * @param limit the most entries, at least 1
     * @return the oldest pending changes of the session, in the order they were made
     */
    CompletionStage<List<JournaledChange>> readChanges(SessionRef ref, int limit);

    /**
     * Removes changes the durable tier has applied; only the oldest pending ones can be settled, so
     * entries are settled in order.
     *
     * @return how many entries are left, messages included
     */
    CompletionStage<Long> settleChanges(SessionRef ref, Collection<String> entries);

    /**
     * Purges a session from the hot tier for good: its data, journal and analytics buffer; leaves a
     * tombstone; and records the {@link Purge} for the durable tier (before anything is removed, so
     * a crash in between leaves it to be redone).
     *
     * @param owner the user the session must belong to, or {@code null} for any owner
     * @return whether the hot tier held the session, and the purge recorded
     */
    CompletionStage<Purged> purge(SessionRef ref, @Nullable String owner);

    /**
     * Purges every session of a user the hot tier knows, as {@link #purge}, and the user's
     * {@code user:} state, and records the user's {@link Purge} for the durable tier.
     *
     * @return how many sessions the hot tier held, and the purge recorded
     */
    CompletionStage<Purged> purgeUser(String namespace, String userId);

    /**
     * @return when the session was last purged, if it was within the tombstone's retention: a
     *         session whose creation is not after it is gone, and nothing may bring it back
     */
    CompletionStage<Optional<Instant>> purgedAt(SessionRef ref);

    /** @return the purges of the namespace the durable tier has not applied yet, oldest first */
    CompletionStage<List<Purge>> pendingPurges(String namespace);

    /** Forgets a purge the durable tier has applied. */
    CompletionStage<Void> purgeApplied(Purge purge);

    /**
     * Appends as {@link MemoryStore#append} does and, in the same atomic step, journals each
     * message the tier stored, and each it cannot tell apart from one stored earlier; before the
     * stage completes, the session is in its namespace's index of sessions with entries.
     *
     * @return what the tier stored; fails with {@link dev.mnemo.StoreUnavailableException} when the
     *         session's journal is full (a {@link dev.mnemo.JournalFullException}; nothing is written then)
     */
    CompletionStage<AppendOutcome> appendJournaled(SessionRef ref, List<Message> messages);

    /**
     * A turn ({@link MemoryStore#turn}) whose append is journaled as {@link #appendJournaled} journals
     * it: the same atomic step for the append, and the window read after it, in one round trip where
     * the tier allows.
     *
     * @return what the append stored and the window afterwards; fails as {@link #appendJournaled} does
     */
    CompletionStage<Turn> turnJournaled(SessionRef ref, List<Message> messages, int k, boolean withState);

    /**
     * @return how long a session's journal belongs to the process that last wrote, claimed or
     *         renewed it; past that any process may claim it
     */
    Duration lease();

    /**
     * Claims sessions whose lease has run out: no process renewed it, as when the process that
     * journaled their entries died. Each claimed session is leased to the caller for {@link #lease()}.
     *
     * @param limit the most sessions to claim, at least 1
     * @return the claimed sessions, possibly none
     */
    CompletionStage<List<SessionRef>> claimDue(String namespace, int limit);

    /**
     * Keeps the session away from other processes' claims for {@code lease} from now: the caller
     * is flushing it, or defers a retry of entries that were refused.
     */
    CompletionStage<Void> renew(SessionRef ref, Duration lease);

    /**
     * @param limit    the most entries, at least 1
     * @param maxBytes about how many bytes of entries to read; at least one entry is read
     * @return the oldest pending entries, in id order, poisoned ones left out
     */
    CompletionStage<JournalPage> read(SessionRef ref, int limit, long maxBytes);

    /**
     * @param k how many, at least 1
     * @return the newest {@code k} pending entries, oldest first: what a window read from the
     *         durable tier lacks while they wait
     */
    CompletionStage<List<Message>> latest(SessionRef ref, int k);

    /**
     * Removes entries the durable tier now holds. A session whose journal is left empty leaves the
     * index; entries journaled meanwhile keep it there.
     *
     * @return how many entries are left, poisoned ones included
     */
    CompletionStage<Long> settle(SessionRef ref, Collection<UUID> ids);

    /**
     * Marks entries the durable tier refused for a reason that is not an outage: they stay in the
     * journal, are left out of {@link #read}, and count against its bound, until
     * {@link #retryPoisoned} makes them pending again. Nothing is ever dropped.
     */
    CompletionStage<Void> poison(SessionRef ref, Collection<UUID> ids);

    /**
     * @return how far the durable tier is behind in {@code namespace}: the sessions with pending
     *         entries and, approximately, the age of the oldest entry
     */
    CompletionStage<Backlog> backlog(String namespace);

    /**
     * @param limit the most sessions, at least 1
     * @return the namespace's sessions with entries, the one whose lease runs out first first
     */
    CompletionStage<List<SessionBacklog>> sessionsBehind(String namespace, int limit);

    /** @return how many poisoned entries of the session became pending again */
    CompletionStage<Long> retryPoisoned(SessionRef ref);
}
