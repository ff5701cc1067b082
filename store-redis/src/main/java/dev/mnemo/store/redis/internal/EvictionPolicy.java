package dev.mnemo.store.redis.internal;

import dev.mnemo.WriteRefusedException;
import dev.mnemo.spi.support.Stages;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * Whether Redis's {@code maxmemory-policy} lets the journal be evicted. Journal keys carry no TTL,
 * so a {@code volatile-*} policy or {@code noeviction} never evicts them; an {@code allkeys-*}
 * policy evicts any key, acknowledged writes the durable tier does not have yet included, so the
 * journal is refused there. Without a durable tier nothing is journaled and any policy is fine,
 * which is why the policy is read at the first journaled call rather than when the store is made.
 *
 * <p>The policy comes from {@code CONFIG GET}; where that is refused (an ACL, a renamed command, a
 * managed service) from {@code INFO memory}; where both are refused it is unknown, the journal is
 * not refused, and {@link #describe} says so. A read that fails for an outage is not kept, so the
 * next call reads again; every {@link #describe} reads it anew, so a policy changed at runtime is
 * seen by the next health check. In a Cluster the node the connection asks answers for all.
 */
public final class EvictionPolicy {

    private static final String KEY = "maxmemory-policy";
    private static final String INFO_FIELD = "maxmemory_policy:";
    private static final String SAFE = "volatile-lru, volatile-lfu, volatile-random, volatile-ttl or noeviction";

    /** A policy read: its name, or {@code null} when Redis would not tell. */
    private record Reading(@Nullable String policy) {

        boolean evictsJournal() {
            return policy != null && policy.startsWith("allkeys-");
        }
    }

    private final String tier;
    private final AtomicReference<@Nullable CompletableFuture<Reading>> known = new AtomicReference<>();

    /** @param tier the tier's name, for the refusal's message */
    public EvictionPolicy(String tier) {
        this.tier = tier;
    }

    /**
     * @return a stage that completes once the policy is known to keep the journal (or is unknown),
     *         and fails with {@link WriteRefusedException} naming the policy and what to set when it
     *         could evict it; after the first read it is already complete
     */
    public CompletionStage<Void> requireJournalSafe(RedisClusterAsyncCommands<String, String> redis) {
        CompletableFuture<Reading> current = known.get();
        if (current == null) {
            CompletableFuture<Reading> reading = new CompletableFuture<>();
            current = known.compareAndSet(null, reading) ? reading : known.get();
            if (current == reading) {
                read(redis).whenComplete((read, error) -> {
                    if (error != null) {
                        known.compareAndSet(reading, null);
                        reading.completeExceptionally(error);
                    } else {
                        reading.complete(read);
                    }
                });
            }
        }
        return current.thenApply(read -> {
            if (read.evictsJournal()) {
                throw new WriteRefusedException(tier, "Redis runs with maxmemory-policy " + read.policy()
                        + ", which may evict the journal of acknowledged writes the durable tier does not have yet,"
                        + " so journaled writes are refused; set maxmemory-policy to " + SAFE
                        + " (journal keys carry no TTL, so those never evict them), or use Redis without a durable tier", null);
            }
            return null;
        });
    }

    /** @return the policy, read anew, and whether the journal is safe under it: a line for health */
    public CompletionStage<String> describe(RedisClusterAsyncCommands<String, String> redis) {
        return read(redis).handle((read, error) -> {
            if (error != null) {
                return "maxmemory-policy not read: " + Stages.unwrap(error).getMessage();
            }
            known.set(CompletableFuture.completedFuture(read));
            if (read.policy() == null) {
                return "maxmemory-policy unknown (CONFIG GET and INFO refused): the journal's safety from eviction is not checked";
            }
            return read.evictsJournal()
                    ? "maxmemory-policy " + read.policy() + ": journaled writes are refused, as it may evict the journal; set " + SAFE
                    : "maxmemory-policy " + read.policy() + ": the journal is never evicted";
        });
    }

    private static CompletionStage<Reading> read(RedisClusterAsyncCommands<String, String> redis) {
        return redis.configGet(KEY).thenApply(config -> config.get(KEY))
                .exceptionallyCompose(error -> refused(error) ? CompletableFuture.completedFuture(null)
                        : CompletableFuture.failedFuture(error))
                .thenCompose(policy -> policy != null ? CompletableFuture.completedFuture(policy) : fromInfo(redis))
                .thenApply(policy -> new Reading(policy == null ? null : policy.trim().toLowerCase(Locale.ROOT)));
    }

    private static CompletionStage<@Nullable String> fromInfo(RedisClusterAsyncCommands<String, String> redis) {
        return redis.info("memory").<@Nullable String>thenApply(info -> {
            for (String line : info.split("\r?\n")) {
                if (line.startsWith(INFO_FIELD)) {
                    return line.substring(INFO_FIELD.length());
                }
            }
            return null;
        }).exceptionallyCompose(error -> refused(error) ? CompletableFuture.completedFuture(null)
                : CompletableFuture.failedFuture(error));
    }

    /** @return whether Redis answered with an error (no permission, no such command), not an outage */
    private static boolean refused(Throwable error) {
        return Stages.unwrap(error) instanceof RedisCommandExecutionException;
    }
}
