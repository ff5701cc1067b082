package dev.mnemo.store.redis.internal;

import dev.mnemo.CorruptDataException;
import dev.mnemo.Message;
import dev.mnemo.Session;
import dev.mnemo.SessionId;
import dev.mnemo.spi.DurableJournal;
import dev.mnemo.spi.DurableJournal.JournaledChange;
import dev.mnemo.spi.DurableJournal.Purge;
import dev.mnemo.spi.JournalPage;
import dev.mnemo.spi.support.ChangeCodec;
import dev.mnemo.spi.support.Limits;
import dev.mnemo.JsonCodec;
import dev.mnemo.spi.SessionRef;
import dev.mnemo.spi.support.Stages;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.ZAddArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The journal of each session toward the durable tier (its keys and the append's part are in
 * {@link Keys} and {@code append.lua}), and the namespace's index of sessions with entries,
 * {@code journal-due}: a sorted set of session ids scored by when their lease runs out.
 *
 * <p>The index lives on a slot of its own, so no session script can write it; it is kept right by
 * the order of writes instead. A journaled append writes the index ({@code ZADD NX}) after its
 * script: on one connection the two are sent together and run in order; in a Cluster they are on
 * different nodes, so the index write waits for the script's reply. A session leaves the index when
 * a settle leaves its journal empty: the entry is removed first and the journal checked after, and
 * put back when it holds entries again. So whatever order an append and a release run in, a
 * session with entries is in the index once both are done, and a process that dies at any point
 * leaves its journal findable by every other.
 */
public final class RedisJournal {

    private static final Logger LOG = LoggerFactory.getLogger(RedisJournal.class);
    private static final String SNAPSHOT_FIELD = "session";
    private static final String SESSION_PURGE = "session:";
    private static final String USER_PURGE = "user:";
    /** How long a purged session's tombstone is kept: every purge the durable tier applies within it is final. */
    public static final Duration TOMBSTONE_RETENTION = Duration.ofDays(7);
    /** Removes field ARGV[1] of KEYS[1] if it still holds ARGV[2]. */
    private static final String FORGET_PURGE = """
            if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then
              return redis.call('HDEL', KEYS[1], ARGV[1])
            end
            return 0""";
    /**
     * Moves up to ARGV[3] members scored at most ARGV[1] to score ARGV[2]; returns them. Allowed while
     * Redis is out of memory ({@code allow-oom}, Redis 7 and later): it only rescores members, and a
     * journal that fills Redis drains only if it can be claimed.
     */
    private static final String CLAIM = "#!lua flags=allow-oom\n" + """
            local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[3]))
            for _, member in ipairs(due) do
              redis.call('ZADD', KEYS[1], ARGV[2], member)
            end
            return due""";

    private final Keys keys;
    private final Duration lease;
    private final boolean cluster;
    private final Clock clock;
    /** Whether the server compiled {@link #CLAIM} with its flags; Redis before 7 takes only the script. */
    private volatile boolean flagsTaken = true;

    /**
     * @param keys    the key layout
     * @param lease   how long a writer or claimer owns a session's journal
     * @param cluster whether commands to the index and to a session may reach different nodes
     * @param clock   the clock of the index's scores
     */
    public RedisJournal(Keys keys, Duration lease, boolean cluster, Clock clock) {
        this.keys = keys;
        this.lease = lease;
        this.cluster = cluster;
        this.clock = clock;
    }

    /** @return how long a writer or claimer owns a session's journal */
    public Duration lease() {
        return lease;
    }

    /**
     * Puts the session in the index, unless it is there, after {@code script} (its journaled
     * append) has run; see the class comment for why the order holds.
     *
     * @return the script's reply, once the index is written too
     */
    public CompletionStage<ScriptReply> indexAfter(RedisClusterAsyncCommands<String, String> redis, SessionRef ref,
                                                   CompletionStage<ScriptReply> script) {
        if (cluster) {
            return script.thenCompose(reply -> index(redis, ref).thenApply(indexed -> reply));
        }
        CompletionStage<Void> indexed = index(redis, ref);
        // A script the server had lost is sent again, after the index write: write the index once more.
        return script.thenCombine(indexed, (reply, ignored) -> reply)
                .thenCompose(reply -> reply.reloaded() ? index(redis, ref).thenApply(again -> reply)
                        : CompletableFuture.completedFuture(reply));
    }

    /** @return the sessions whose lease ran out, now leased to the caller; corrupt members are removed */
    public CompletionStage<List<SessionRef>> claimDue(RedisClusterAsyncCommands<String, String> redis, String namespace,
                                                      int limit) {
        String index = keys.journalDue(namespace);
        long now = clock.millis();
        String[] args = {Long.toString(now), Long.toString(now + lease.toMillis()), Integer.toString(limit)};
        return Errors.at(index, claim(redis, index, args)).thenApply(members -> {
                    List<SessionRef> claimed = new ArrayList<>(members.size());
                    for (String member : members) {
                        try {
                            claimed.add(new SessionRef(namespace, SessionId.of(member)));
                        } catch (RuntimeException e) {
                            LOG.error("Member '{}' of Redis key {} is not a session id; removed", member, index);
                            redis.zrem(index, member);
                        }
                    }
                    return claimed;
                });
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

    /** Moves the session's lease to {@code until} from now, if it is in the index. */
    public CompletionStage<Void> renew(RedisClusterAsyncCommands<String, String> redis, SessionRef ref, Duration until) {
        String index = keys.journalDue(ref.namespace());
        return Errors.at(index, redis.zadd(index, ZAddArgs.Builder.xx(), (double) clock.millis() + until.toMillis(),
                ref.id().value())).thenApply(updated -> null);
    }

    /** @return the oldest pending entries, see {@code journal.lua} */
    public CompletionStage<JournalPage> read(RedisClusterAsyncCommands<String, String> redis, SessionRef ref,
                                             int limit, long maxBytes) {
        return Script.JOURNAL.run(redis, keys.session(ref), List.of("read", Integer.toString(limit),
                Long.toString(maxBytes))).thenApply(reply -> page(ref, reply));
    }

    /** @return the newest {@code k} pending entries, oldest first; unreadable ones are left out */
    public CompletionStage<List<Message>> latest(RedisClusterAsyncCommands<String, String> redis, SessionRef ref, int k) {
        return Script.JOURNAL.run(redis, keys.session(ref), List.of("latest", Integer.toString(k)))
                .thenApply(reply -> page(ref, reply).messages());
    }

    /**
     * Removes the entries of {@code ids}; a journal left empty takes the session out of the index.
     *
     * @return the entries left, poisoned ones included
     */
    public CompletionStage<Long> settle(RedisClusterAsyncCommands<String, String> redis, SessionRef ref,
                                        Collection<UUID> ids) {
        List<String> args = new ArrayList<>(ids.size() + 1);
        args.add("settle");
        ids.forEach(id -> args.add(id.toString()));
        return Script.JOURNAL.run(redis, keys.session(ref), args).thenCompose(reply -> {
            long left = reply.number(1);
            return left > 0 ? CompletableFuture.completedFuture(left) : release(redis, ref);
        });
    }

    /** Marks entries refused by the durable tier; they stay, unread, until {@link #retry}. */
    public CompletionStage<Void> poison(RedisClusterAsyncCommands<String, String> redis, SessionRef ref,
                                        Collection<UUID> ids) {
        List<String> args = new ArrayList<>(ids.size() + 1);
        args.add("poison");
        ids.forEach(id -> args.add(id.toString()));
        return Script.JOURNAL.run(redis, keys.session(ref), args).thenApply(reply -> null);
    }

    /** @return how many poisoned entries became pending again */
    public CompletionStage<Long> retry(RedisClusterAsyncCommands<String, String> redis, SessionRef ref) {
        return Script.JOURNAL.run(redis, keys.session(ref), List.of("retry")).thenApply(reply -> reply.number(1));
    }

    private CompletionStage<List<String>> claim(RedisClusterAsyncCommands<String, String> redis, String index,
                                                String[] args) {
        String plain = CLAIM.substring(CLAIM.indexOf('\n') + 1);
        if (!flagsTaken) {
            return redis.eval(plain, ScriptOutputType.MULTI, new String[] {index}, args);
        }
        return redis.<List<String>>eval(CLAIM, ScriptOutputType.MULTI, new String[] {index}, args)
                .exceptionallyCompose(error -> {
                    if (!String.valueOf(Stages.unwrap(error).getMessage()).contains("Error compiling script")) {
                        return CompletableFuture.failedFuture(error);
                    }
                    flagsTaken = false;
                    return redis.eval(plain, ScriptOutputType.MULTI, new String[] {index}, args);
                });
    }

    /** Puts the session in the index unless it is there: after a script that journaled a change (see the class comment). */
    public CompletionStage<Void> index(RedisClusterAsyncCommands<String, String> redis, SessionRef ref) {
        String index = keys.journalDue(ref.namespace());
        return Errors.at(index, redis.zadd(index, ZAddArgs.Builder.nx(), (double) clock.millis() + lease.toMillis(),
                ref.id().value())).thenApply(added -> null);
    }

    /** @return the oldest pending changes of the session, see {@code journal.lua} */
    public CompletionStage<List<JournaledChange>> changes(RedisClusterAsyncCommands<String, String> redis,
                                                          SessionRef ref, int limit) {
        String key = keys.session(ref).changes();
        return Script.JOURNAL.run(redis, keys.session(ref), List.of("changes", Integer.toString(limit))).thenApply(reply -> {
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
        List<String> args = new ArrayList<>(entries.size() + 1);
        args.add("settle-changes");
        args.addAll(entries);
        return Script.JOURNAL.run(redis, keys.session(ref), args).thenCompose(reply -> {
            long left = reply.number(1);
            return left > 0 ? CompletableFuture.completedFuture(left) : release(redis, ref);
        });
    }

    /** Records a purge for the durable tier, before the hot tier's part runs, so a crash between leaves it to be redone. */
    public CompletionStage<Void> recordPurge(RedisClusterAsyncCommands<String, String> redis, Purge purge) {
        String purges = keys.purges(purge.namespace());
        return Errors.at(purges, redis.hset(purges, field(purge), Long.toString(purge.at().toEpochMilli())))
                .thenApply(set -> null);
    }

    /** @return the namespace's purges the durable tier has not applied yet, oldest first; unreadable fields are removed */
    public CompletionStage<List<Purge>> pendingPurges(RedisClusterAsyncCommands<String, String> redis, String namespace) {
        String purges = keys.purges(namespace);
        return Errors.at(purges, redis.hgetall(purges)).thenApply(fields -> {
            List<Purge> pending = new ArrayList<>();
            fields.forEach((field, at) -> {
                try {
                    Instant when = Instant.ofEpochMilli(Long.parseLong(at));
                    String name = field.substring(field.indexOf(':') + 1);
                    pending.add(field.startsWith(SESSION_PURGE)
                            ? new Purge(namespace, SessionId.of(name), null, when)
                            : new Purge(namespace, null, SessionRef.checkUserId(name), when));
                } catch (RuntimeException e) {
                    LOG.error("Field {} of Redis key {} is not a purge; removed", Limits.quote(field), purges);
                    redis.hdel(purges, field);
                }
            });
            pending.sort(Comparator.comparing(Purge::at));
            return pending;
        });
    }

    /** Forgets an applied purge, unless the same session or user was purged again since. */
    public CompletionStage<Void> purgeApplied(RedisClusterAsyncCommands<String, String> redis, Purge purge) {
        String purges = keys.purges(purge.namespace());
        return Errors.at(purges, redis.<Long>eval(FORGET_PURGE, ScriptOutputType.INTEGER, new String[] {purges},
                field(purge), Long.toString(purge.at().toEpochMilli()))).thenApply(removed -> null);
    }

    /**
     * @param owner the user the session must belong to, or {@code ""} for any owner
     * @return the arguments of {@code delete.lua} for a final purge at {@code now}
     */
    public static List<String> purgeArgs(String owner, Instant now) {
        return List.of(owner, "purge", Long.toString(now.toEpochMilli()), Long.toString(TOMBSTONE_RETENTION.toMillis()));
    }

    private static String field(Purge purge) {
        return purge.session() != null ? SESSION_PURGE + purge.session().value() : USER_PURGE + purge.userId();
    }

    /** @return when the session was last purged, while its tombstone lasts */
    public CompletionStage<Optional<Instant>> purgedAt(RedisClusterAsyncCommands<String, String> redis, SessionRef ref) {
        String tombstone = keys.session(ref).tombstone();
        return Errors.at(tombstone, redis.get(tombstone)).thenApply(at -> {
            try {
                return Optional.ofNullable(at).map(millis -> Instant.ofEpochMilli(Long.parseLong(millis)));
            } catch (NumberFormatException e) {
                throw new CorruptDataException(tombstone, "not a purge time: " + e.getMessage(), e);
            }
        });
    }

    /** Takes an emptied session out of the index, then puts it back if entries came meanwhile. */
    private CompletionStage<Long> release(RedisClusterAsyncCommands<String, String> redis, SessionRef ref) {
        String index = keys.journalDue(ref.namespace());
        Keys.SessionKeys session = keys.session(ref);
        return Errors.at(index, redis.zrem(index, ref.id().value()))
                .thenCompose(removed -> Errors.at(session.journal(), redis.zcard(session.journal())))
                .thenCompose(messages -> Errors.at(session.changes(), redis.llen(session.changes()))
                        .thenApply(changes -> messages + changes))
                .thenCompose(left -> left == 0 ? CompletableFuture.completedFuture(0L)
                        : Errors.at(index, redis.zadd(index, ZAddArgs.Builder.nx(), (double) clock.millis(),
                                ref.id().value())).thenApply(added -> left));
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
