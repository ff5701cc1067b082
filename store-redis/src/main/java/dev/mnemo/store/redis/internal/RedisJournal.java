package dev.mnemo.store.redis.internal;

import dev.mnemo.CorruptDataException;
import dev.mnemo.Message;
import dev.mnemo.Session;
import dev.mnemo.SessionId;
import dev.mnemo.spi.DurableJournal;
import dev.mnemo.spi.DurableJournal.JournaledChange;
import dev.mnemo.spi.JournalPage;
import dev.mnemo.spi.support.ChangeCodec;
import dev.mnemo.JsonCodec;
import dev.mnemo.spi.SessionRef;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The journal of each session toward the durable tier (its keys and the append's part are in
 * {@link Keys} and {@code append.lua}): its entries read, settled, poisoned and retried by
 * {@code journal.lua}, and what waits across the namespace. A settle that leaves a journal empty
 * takes the session out of {@code journal-due} ({@link JournalIndex#release}).
 */
public final class RedisJournal {

    private static final Logger LOG = LoggerFactory.getLogger(RedisJournal.class);

    private final Keys keys;
    private final JournalIndex journalDue;

    /**
     * @param keys       the key layout
     * @param journalDue the namespace's index of sessions with entries, which an emptied journal leaves
     */
    public RedisJournal(Keys keys, JournalIndex journalDue) {
        this.keys = keys;
        this.journalDue = journalDue;
    }

    /**
     * @return the namespace's sessions with pending entries, and the time of the oldest pending
     *         message of the one due first (its UUIDv7 id holds when it was made)
     */
    public CompletionStage<DurableJournal.Backlog> backlog(RedisClusterAsyncCommands<String, String> redis,
                                                           String namespace) {
        String index = keys.journalDue(namespace);
        CompletableFuture<Long> sessions = Errors.at(index, redis.zcard(index)).toCompletableFuture();
        CompletionStage<Instant> oldest = Errors.at(index, redis.zrange(index, 0, 0)).thenCompose(first -> {
            if (first.isEmpty()) {
                return CompletableFuture.completedFuture(null);
            }
            String journal = keys.session(new SessionRef(namespace, SessionId.of(first.get(0)))).journal();
            return Errors.at(journal, redis.zrangebyscore(journal, Range.create(0, 0),
                    Limit.create(0, 1))).thenApply(ids -> ids.isEmpty() ? null
                    : timeOf(ids.get(0)));
        });
        return sessions.thenCombine(oldest, DurableJournal.Backlog::new);
    }

    /** @return the namespace's sessions with entries, due first first, each with what waits: one pipelined read per session */
    public CompletionStage<List<DurableJournal.SessionBacklog>> sessionsBehind(RedisClusterAsyncCommands<String, String> redis,
                                                                            String namespace, int limit) {
        String index = keys.journalDue(namespace);
        return Errors.at(index, redis.zrange(index, 0, limit - 1L)).thenCompose(members -> {
            List<CompletableFuture<DurableJournal.SessionBacklog>> sessions = new ArrayList<>(members.size());
            for (String member : members) {
                SessionRef ref = new SessionRef(namespace, SessionId.of(member));
                Keys.SessionKeys session = keys.session(ref);
                CompletableFuture<Long> pending = redis.zcount(session.journal(), Range.create(0, 0)).toCompletableFuture();
                CompletableFuture<Long> poisoned = redis.zcount(session.journal(), Range.create(1, 1)).toCompletableFuture();
                CompletableFuture<Long> changes = redis.llen(session.changes()).toCompletableFuture();
                CompletableFuture<List<String>> first = redis.zrangebyscore(session.journal(), Range.create(0, 0),
                        Limit.create(0, 1)).toCompletableFuture();
                sessions.add(CompletableFuture.allOf(pending, poisoned, changes, first).thenApply(read ->
                        new DurableJournal.SessionBacklog(ref, pending.join(), poisoned.join(), changes.join(),
                                first.join().isEmpty() ? null : timeOf(first.join().get(0)))));
            }
            return CompletableFuture.allOf(sessions.toArray(CompletableFuture[]::new))
                    .thenApply(all -> sessions.stream().map(CompletableFuture::join).toList());
        });
    }

    /** @return when the message of a UUIDv7 id was made: its first 48 bits, in milliseconds */
    private static Instant timeOf(String id) {
        return Instant.ofEpochMilli(UUID.fromString(id).getMostSignificantBits() >>> 16);
    }

    /** @return the oldest pending entries, see {@code journal.lua} */
    public CompletionStage<JournalPage> read(RedisClusterAsyncCommands<String, String> redis, SessionRef ref,
                                             int limit, long maxBytes) {
        return run(redis, ref, "read", List.of(Integer.toString(limit), Long.toString(maxBytes)))
                .thenApply(reply -> page(ref, reply));
    }

    /** @return the newest {@code k} pending entries, oldest first; unreadable ones are left out */
    public CompletionStage<List<Message>> latest(RedisClusterAsyncCommands<String, String> redis, SessionRef ref, int k) {
        return run(redis, ref, "latest", List.of(Integer.toString(k))).thenApply(reply -> page(ref, reply).messages());
    }

    /**
     * Removes the entries of {@code ids}; a journal left empty takes the session out of the index.
     *
     * @return the entries left, poisoned ones included
     */
    public CompletionStage<Long> settle(RedisClusterAsyncCommands<String, String> redis, SessionRef ref,
                                        Collection<UUID> ids) {
        return released(redis, ref, run(redis, ref, "settle", texts(ids)));
    }

    /** Marks entries refused by the durable tier; they stay, unread, until {@link #retry}. */
    public CompletionStage<Void> poison(RedisClusterAsyncCommands<String, String> redis, SessionRef ref,
                                        Collection<UUID> ids) {
        return run(redis, ref, "poison", texts(ids)).thenApply(reply -> null);
    }

    /** @return how many poisoned entries became pending again */
    public CompletionStage<Long> retry(RedisClusterAsyncCommands<String, String> redis, SessionRef ref) {
        return run(redis, ref, "retry", List.of()).thenApply(reply -> reply.number(1));
    }

    /** @return the oldest pending changes of the session, see {@code journal.lua} */
    public CompletionStage<List<JournaledChange>> changes(RedisClusterAsyncCommands<String, String> redis,
                                                          SessionRef ref, int limit) {
        String key = keys.session(ref).changes();
        return run(redis, ref, "changes", List.of(Integer.toString(limit))).thenApply(reply -> {
            List<JournaledChange> changes = new ArrayList<>();
            for (int i = 1; i < reply.values().size(); i++) {
                String entry = reply.text(i);
                int space = entry.indexOf(' ');
                if (space < 1) {
                    throw new CorruptDataException(key, "holds an entry without its id", null);
                }
                changes.add(new JournaledChange(entry.substring(0, space),
                        ChangeCodec.read(key + " entry " + entry.substring(0, space), ref, entry.substring(space + 1))));
            }
            return changes;
        });
    }

    /**
     * Removes applied changes, oldest first; a journal left empty takes the session out of the index.
     *
     * @return the entries left, messages included
     */
    public CompletionStage<Long> settleChanges(RedisClusterAsyncCommands<String, String> redis, SessionRef ref,
                                               Collection<String> entries) {
        return released(redis, ref, run(redis, ref, "settle-changes", entries));
    }

    /** Runs {@code operation} of {@code journal.lua} with {@code values} as its arguments. */
    private CompletionStage<ScriptReply> run(RedisClusterAsyncCommands<String, String> redis, SessionRef ref,
                                             String operation, Collection<String> values) {
        List<String> args = new ArrayList<>(values.size() + 1);
        args.add(operation);
        args.addAll(values);
        return Script.JOURNAL.run(redis, keys.session(ref), args);
    }

    /** @return the entries a settle left; when none are, once the session has left the index */
    private CompletionStage<Long> released(RedisClusterAsyncCommands<String, String> redis, SessionRef ref,
                                           CompletionStage<ScriptReply> settled) {
        return settled.thenCompose(reply -> {
            long left = reply.number(1);
            return left > 0 ? CompletableFuture.completedFuture(left) : journalDue.release(redis, ref);
        });
    }

    private static List<String> texts(Collection<UUID> ids) {
        return ids.stream().map(UUID::toString).toList();
    }

    private static JournalPage page(SessionRef ref, ScriptReply reply) {
        String key = "journal of " + ref;
        String snapshot = reply.text(1);
        Optional<Session> session = Optional.empty();
        if (snapshot != null) {
            try {
                session = Optional.of(Records.session(ref, key, List.of(JsonCodec.read(key, snapshot, String[].class))));
            } catch (RuntimeException e) {
                LOG.warn("The session record kept in the {} cannot be read; the durable tier gets none: {}", key,
                        e.toString());
            }
        }
        List<Message> messages = new ArrayList<>();
        List<UUID> unreadable = new ArrayList<>();
        List<Object> values = reply.values();
        for (int i = 2; i + 1 < values.size(); i += 2) {
            String member = (String) values.get(i);
            String json = (String) values.get(i + 1);
            UUID id;
            try {
                id = UUID.fromString(member);
            } catch (IllegalArgumentException e) {
                LOG.error("Member '{}' of the {} is not a message id; it is left there", member, key);
                continue;
            }
            try {
                if (json == null) {
                    throw new IllegalStateException("no text");
                }
                messages.add(JsonCodec.readMessage(key + " entry " + id, json));
            } catch (RuntimeException e) {
                LOG.error("Entry {} of the {} cannot be read; it is kept as poisoned: {}", id, key, e.toString());
                unreadable.add(id);
            }
        }
        return new JournalPage(session, messages, unreadable);
    }
}
