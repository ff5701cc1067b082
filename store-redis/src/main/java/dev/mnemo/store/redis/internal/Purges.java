package dev.mnemo.store.redis.internal;

import dev.mnemo.spi.DurableJournal.Purge;
import dev.mnemo.spi.DurableJournal.Purged;
import dev.mnemo.spi.SessionRef;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * Removing sessions from the hot tier: a purge of a session or of a user, recorded first for the
 * durable tier ({@link PurgeRecords}) when it comes through the journal, then {@code delete.lua},
 * which drops the session's keys, its journal included, and leaves a tombstone; and the reset of a
 * session's corrupt data, which keeps its journal. A purged session also leaves its user's index
 * and the analytics schedule, and the owner this process knew of it is forgotten. The durable tier
 * reads the recorded purges and tombstones here too.
 */
public final class Purges {

    /** The arguments of {@code delete.lua} for a reset: any owner, no tombstone. */
    private static final List<String> RESET = List.of("", "reset", "0", "0");

    private final Calls calls;
    private final Keys keys;
    private final UserIndex users;
    private final Owners owners;
    private final PurgeRecords records;
    private final Clock clock;

    /**
     * @param calls   how calls run
     * @param keys    the key layout
     * @param users   the users' indexes
     * @param owners  the owners this process knows
     * @param records the purges recorded for the durable tier
     * @param clock   the clock of purge times
     */
    public Purges(Calls calls, Keys keys, UserIndex users, Owners owners, PurgeRecords records, Clock clock) {
        this.calls = calls;
        this.keys = keys;
        this.users = users;
        this.owners = owners;
        this.records = records;
        this.clock = clock;
    }

    /** @return whether the session existed; it is purged for good, leaving a tombstone, with no record for the durable tier */
    public CompletionStage<Boolean> deleteSession(SessionRef ref) {
        owners.forget(ref);
        return calls.call(redis -> delete(redis, ref, null, clock.instant()));
    }

    /**
     * Records the purge for the durable tier, then purges the session unless it belongs to another
     * user than {@code owner}.
     *
     * @return the purge, with 1 session when it existed
     */
    public CompletionStage<Purged> purge(SessionRef ref, @Nullable String owner) {
        owners.forget(ref);
        Purge purge = new Purge(ref.namespace(), ref.id(), null, clock.instant());
        return calls.call(redis -> records.record(redis, purge).thenCompose(recorded -> delete(redis, ref, owner, purge.at()))
                .thenApply(existed -> new Purged(existed ? 1 : 0, purge)));
    }

    /** Records the purge for the durable tier, then purges every session of the user's index. */
    public CompletionStage<Purged> purgeUser(String namespace, String userId) {
        Purge purge = new Purge(namespace, null, userId, clock.instant());
        return calls.call(() -> UserIndex.check(namespace, userId), redis -> records.record(redis, purge)
                .thenCompose(recorded -> users.deleteUser(redis, namespace, userId))
                .thenApply(count -> new Purged(count, purge)));
    }

    /** @return whether the session existed; its data keys are dropped, but not its journal, so it can be warmed again */
    public CompletionStage<Boolean> reset(SessionRef ref) {
        owners.forget(ref);
        return calls.call(redis -> Script.DELETE.run(redis, keys.session(ref), RESET).thenApply(reply -> reply.flag(1)));
    }

    /** @return when the session was last purged, while its tombstone lasts */
    public CompletionStage<Optional<Instant>> purgedAt(SessionRef ref) {
        return calls.call(redis -> records.purgedAt(redis, ref));
    }

    /** @return the namespace's purges the durable tier has not applied yet, oldest first */
    public CompletionStage<List<Purge>> pending(String namespace) {
        return calls.call(() -> SessionRef.checkNamespace(namespace), redis -> records.pending(redis, namespace));
    }

    /** Forgets a purge the durable tier applied, unless the same session or user was purged again since. */
    public CompletionStage<Void> applied(Purge purge) {
        return calls.call(redis -> records.applied(redis, purge));
    }

    /**
     * Runs the final purge of {@code delete.lua}, then takes the session out of its user's index and out
     * of the analytics schedule, unless it belongs to another owner than {@code owner} and was left alone.
     */
    private CompletionStage<Boolean> delete(RedisClusterAsyncCommands<String, String> redis, SessionRef ref,
                                            @Nullable String owner, Instant at) {
        return Script.DELETE.run(redis, keys.session(ref), PurgeRecords.purgeArgs(owner == null ? "" : owner, at))
                .thenCompose(reply -> {
                    boolean existed = reply.require(ref).flag(1);
                    String userId = reply.text(2);
                    if (!existed && owner != null) {
                        return CompletableFuture.completedFuture(false);
                    }
                    CompletionStage<Void> unindexed = existed && userId != null ? users.removed(redis, ref, userId)
                            : CompletableFuture.completedFuture(null);
                    return RedisAnalyticsBuffer.unschedule(redis, keys, ref.namespace(), List.of(ref.id().value()))
                            .thenCombine(unindexed, (unscheduled, removed) -> existed);
                });
    }
}
