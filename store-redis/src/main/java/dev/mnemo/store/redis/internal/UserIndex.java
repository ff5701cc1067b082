package dev.mnemo.store.redis.internal;

import dev.mnemo.Session;
import dev.mnemo.SessionId;
import dev.mnemo.spi.SessionRef;
import io.lettuce.core.Range;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import dev.mnemo.spi.support.Debouncer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A user's sessions by last activity: {@code <prefix>:<ns>:user:{<uid>}}, a sorted set of session
 * ids scored in epoch milliseconds. It lives on the user's slot, not the session's, so the append
 * script cannot update it; it is written when a session is created and, on activity, at most once
 * per {@link #INTERVAL} per session in this process (its score lags the session's true last
 * activity by at most that much). The same writes refresh the expiry of the index and of the
 * user's {@code user:} state to the session TTL plus {@link #INTERVAL}, so neither expires while
 * any of the user's sessions is active. Entries of expired or purged sessions are dropped when a
 * listing finds them gone.
 */
public final class UserIndex {

    /** The least time between two activity updates of one session's entry. */
    public static final Duration INTERVAL = Duration.ofMinutes(1);

    private static final Logger LOG = LoggerFactory.getLogger(UserIndex.class);

    private final Keys keys;
    private final long ttlMillis;
    private final Clock clock;
    private final Debouncer<SessionRef> debouncer;

    /**
     * @param keys  the key layout
     * @param ttl   the session TTL
     * @param clock the clock of the scores
     */
    public UserIndex(Keys keys, Duration ttl, Clock clock) {
        this.keys = keys;
        this.ttlMillis = ttl.plus(INTERVAL).toMillis();
        this.clock = clock;
        this.debouncer = new Debouncer<>(INTERVAL, clock);
    }

    /** Checks the namespace and the user id a call names, so bad input is reported before anything is sent. */
    public static void check(String namespace, String userId) {
        SessionRef.checkNamespace(namespace);
        SessionRef.checkUserId(userId);
    }

    /** Indexes a session just created; the stage completes when the index is written. */
    public CompletionStage<Void> created(RedisClusterAsyncCommands<String, String> redis, SessionRef ref, String userId) {
        debouncer.mark(ref);
        return index(redis, ref, userId);
    }

    /**
     * Indexes a session that was just active, when its entry is due for an update: pipelined, and
     * without delaying the caller; a failure is logged and retried on the next activity.
     */
    public void active(RedisClusterAsyncCommands<String, String> redis, SessionRef ref, String userId) {
        if (userId == null || !debouncer.due(ref)) {
            return;
        }
        index(redis, ref, userId).whenComplete((done, error) -> {
            if (error != null) {
                debouncer.forget(ref);
                LOG.warn("Could not update the session index of user {} for session {}: {}", userId, ref, error.toString());
            }
        });
    }

    /** Removes a purged session from its user's index. */
    public CompletionStage<Void> removed(RedisClusterAsyncCommands<String, String> redis, SessionRef ref, String userId) {
        debouncer.forget(ref);
        String index = keys.userIndex(ref.namespace(), userId);
        return Errors.at(index, redis.zrem(index, ref.id().value())).thenApply(removed -> null);
    }

    /**
     * Lists the user's sessions. Because scores may lag by up to {@link #INTERVAL}, it reads the
     * {@code limit} best-scored entries and every entry scored within {@link #INTERVAL} of the
     * lowest of them, then orders those sessions by their own last activity.
     */
    public CompletionStage<List<Session>> list(RedisClusterAsyncCommands<String, String> redis, String namespace,
                                               String userId, int limit) {
        String index = keys.userIndex(namespace, userId);
        return Errors.at(index, redis.zrevrangeWithScores(index, 0, limit - 1L)).thenCompose(top -> {
            if (top.size() < limit) {
                return CompletableFuture.completedFuture(top.stream().map(ScoredValue::getValue).toList());
            }
            double floor = top.get(top.size() - 1).getScore() - INTERVAL.toMillis();
            return Errors.at(index, redis.zrevrangebyscore(index, Range.from(Range.Boundary.including(floor),
                    Range.Boundary.unbounded())));
        }).thenCompose(ids -> sessions(redis, namespace, userId, ids)).thenApply(sessions -> sessions.stream()
                .sorted(Comparator.comparing(Session::updatedAt).reversed())
                .limit(limit)
                .toList());
    }

    /**
     * Purges every indexed session of the user (and takes it out of the analytics schedule), then the
     * index and the user's {@code user:} state.
     */
    public CompletionStage<Integer> deleteUser(RedisClusterAsyncCommands<String, String> redis, String namespace,
                                               String userId) {
        String index = keys.userIndex(namespace, userId);
        return Errors.at(index, redis.zrange(index, 0, -1)).thenCompose(ids -> {
            List<CompletableFuture<Boolean>> deletions = new ArrayList<>();
            for (String id : ids) {
                SessionRef ref = new SessionRef(namespace, SessionId.of(id));
                debouncer.forget(ref);
                deletions.add(Script.DELETE.run(redis, keys.session(ref), PurgeRecords.purgeArgs(userId, clock.instant()))
                        .thenApply(reply -> reply.flag(1)).toCompletableFuture());
            }
            return CompletableFuture.allOf(deletions.toArray(CompletableFuture[]::new))
                    .thenCompose(done -> {
                        List<String> purged = new ArrayList<>();
                        for (int i = 0; i < ids.size(); i++) {
                            if (deletions.get(i).join()) {
                                purged.add(ids.get(i));
                            }
                        }
                        CompletionStage<Void> unscheduled = purged.isEmpty() ? CompletableFuture.completedFuture(null)
                                : RedisAnalyticsBuffer.unschedule(redis, keys, namespace, purged);
                        return unscheduled.thenCompose(ignored -> redis.del(index, keys.userState(namespace, userId)))
                                .thenApply(deleted -> purged.size());
                    });
        });
    }

    private CompletionStage<Void> index(RedisClusterAsyncCommands<String, String> redis, SessionRef ref, String userId) {
        String index = keys.userIndex(ref.namespace(), userId);
        String state = keys.userState(ref.namespace(), userId);
        return CompletableFuture.allOf(
                Errors.at(index, redis.zadd(index, clock.millis(), ref.id().value())).toCompletableFuture(),
                Errors.at(index, redis.pexpire(index, ttlMillis)).toCompletableFuture(),
                redis.pexpire(state, ttlMillis).toCompletableFuture());
    }

    /** Reads the listed sessions, dropping from the index those that are gone or now belong to someone else. */
    private CompletionStage<List<Session>> sessions(RedisClusterAsyncCommands<String, String> redis, String namespace,
                                                    String userId, List<String> ids) {
        List<SessionRef> refs = ids.stream().map(id -> new SessionRef(namespace, SessionId.of(id))).toList();
        List<CompletableFuture<Map<String, String>>> metas = refs.stream()
                .map(ref -> Errors.at(keys.session(ref).meta(), redis.hgetall(keys.session(ref).meta())).toCompletableFuture())
                .toList();
        return CompletableFuture.allOf(metas.toArray(CompletableFuture[]::new)).thenCompose(done -> {
            List<Session> found = new ArrayList<>();
            List<String> stale = new ArrayList<>();
            for (int i = 0; i < refs.size(); i++) {
                Map<String, String> meta = metas.get(i).join();
                Session session = meta.isEmpty() ? null : Records.session(refs.get(i), keys.session(refs.get(i)).meta(), meta);
                if (session == null || !userId.equals(session.userId())) {
                    stale.add(refs.get(i).id().value());
                } else {
                    found.add(session);
                }
            }
            if (stale.isEmpty()) {
                return CompletableFuture.completedFuture(found);
            }
            String index = keys.userIndex(namespace, userId);
            return redis.zrem(index, stale.toArray(String[]::new)).thenApply(removed -> found);
        });
    }
}
