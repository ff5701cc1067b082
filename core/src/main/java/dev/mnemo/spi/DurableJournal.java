package dev.mnemo.spi;

import dev.mnemo.Message;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * A capability of a shared hot tier (see {@link MemoryStore#capability}): it keeps, in the same
 * atomic step as its own append, every message the durable tier has not yet taken, so that an
 * acknowledged message never depends on the memory of the process that took it. Any process can
 * flush a journal: sessions with entries are found in a per-namespace index, each claimed under a
 * lease, and an entry leaves the journal only once the durable tier holds it.
 *
 * <p>Every method fails its stage, never throws. Entries are messages, keyed by id: writing one
 * twice keeps one, and flushing one twice is harmless because the durable tier is idempotent by id.
 */
public interface DurableJournal {

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

    /** @return how many poisoned entries of the session became pending again */
    CompletionStage<Long> retryPoisoned(SessionRef ref);
}
