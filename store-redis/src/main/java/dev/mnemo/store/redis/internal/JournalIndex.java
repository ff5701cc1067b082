package dev.mnemo.store.redis.internal;

import dev.mnemo.SessionId;
import dev.mnemo.spi.SessionRef;
import dev.mnemo.spi.support.Stages;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.ZAddArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The namespace's index of sessions whose journal holds entries, {@code journal-due}: a sorted set
 * of session ids scored by when their lease runs out, so any process finds, claims and renews them.
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
public final class JournalIndex {

    private static final Logger LOG = LoggerFactory.getLogger(JournalIndex.class);
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
    public JournalIndex(Keys keys, Duration lease, boolean cluster, Clock clock) {
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

    /** Puts the session in the index unless it is there: after a script that journaled a change (see the class comment). */
    public CompletionStage<Void> index(RedisClusterAsyncCommands<String, String> redis, SessionRef ref) {
        String index = keys.journalDue(ref.namespace());
        return Errors.at(index, redis.zadd(index, ZAddArgs.Builder.nx(), (double) clock.millis() + lease.toMillis(),
                ref.id().value())).thenApply(added -> null);
    }

    /**
     * Takes a session whose journal a settle emptied out of the index, then puts it back if entries
     * came meanwhile.
     *
     * @return the entries left, messages and changes
     */
    public CompletionStage<Long> release(RedisClusterAsyncCommands<String, String> redis, SessionRef ref) {
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

    /** Moves the session's lease to {@code until} from now, if it is in the index. */
    public CompletionStage<Void> renew(RedisClusterAsyncCommands<String, String> redis, SessionRef ref, Duration until) {
        String index = keys.journalDue(ref.namespace());
        return Errors.at(index, redis.zadd(index, ZAddArgs.Builder.xx(), (double) clock.millis() + until.toMillis(),
                ref.id().value())).thenApply(updated -> null);
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
}
