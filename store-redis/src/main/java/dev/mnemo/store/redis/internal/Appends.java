package dev.mnemo.store.redis.internal;

import dev.mnemo.JournalFullException;
import dev.mnemo.JsonCodec;
import dev.mnemo.Message;
import dev.mnemo.spi.AppendOutcome;
import dev.mnemo.spi.SessionRef;
import dev.mnemo.spi.support.InstantText;
import dev.mnemo.spi.support.Limits;
import dev.mnemo.store.redis.RedisStoreConfig;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Appends to a session's window: one {@link Script#APPEND} that de-duplicates by id, stores, trims,
 * bumps the counters and refreshes the TTL, then the session's place in its user's index
 * ({@link UserIndex#active}). A journaled append also journals, in the same script, what the durable
 * tier does not hold yet: it first requires an eviction policy that keeps the journal
 * ({@link EvictionPolicy}), then indexes the session in {@code journal-due}
 * ({@link JournalIndex#indexAfter}) and, with {@code mnemo.redis.min-replicas-acked}, waits for
 * the replicas ({@link Replicas}).
 */
public final class Appends {

    private final String tier;
    private final RedisStoreConfig config;
    private final Calls calls;
    private final Keys keys;
    private final UserIndex users;
    private final JournalIndex journalDue;
    private final EvictionPolicy eviction;
    private final Replicas replicas;
    private final Clock clock;

    /**
     * @param tier       the tier's name, for errors
     * @param config     the window size, TTL and journal limit
     * @param calls      how calls run
     * @param keys       the key layout
     * @param users      the users' indexes
     * @param journalDue the journal's index
     * @param eviction   the eviction policy the journal requires
     * @param replicas   the replicas a journaled append waits for
     * @param clock      the clock of timestamps
     */
    public Appends(String tier, RedisStoreConfig config, Calls calls, Keys keys, UserIndex users,
                   JournalIndex journalDue, EvictionPolicy eviction, Replicas replicas, Clock clock) {
        this.tier = tier;
        this.config = config;
        this.calls = calls;
        this.keys = keys;
        this.users = users;
        this.journalDue = journalDue;
        this.eviction = eviction;
        this.replicas = replicas;
        this.clock = clock;
    }

    /**
     * @param journaled whether to journal the messages for the durable tier
     * @return the outcome; failed with {@link JournalFullException} when the session's journal holds
     *         {@code mnemo.redis.journal-limit} messages
     */
    public CompletionStage<AppendOutcome> append(SessionRef ref, List<Message> messages, boolean journaled) {
        return calls.call(() -> Limits.requireMessages(ref, messages), redis -> {
            List<String> args = args(messages, journaled);
            CompletionStage<ScriptReply> sent = journaled
                    ? eviction.requireJournalSafe(redis).thenCompose(safe -> journalDue.indexAfter(redis, ref,
                            Script.APPEND.run(redis, keys.session(ref), args))).thenCompose(reply -> reply.journalFull()
                                    ? CompletableFuture.completedFuture(reply) : replicas.confirm(redis, reply))
                    : Script.APPEND.run(redis, keys.session(ref), args);
            return sent.thenApply(reply -> outcome(redis, ref, reply));
        });
    }

    /** @return the script's arguments: TTL, window, now, journal limit (0: none), then each message by id */
    private List<String> args(List<Message> messages, boolean journaled) {
        List<String> args = new ArrayList<>(List.of(Long.toString(config.ttl().toMillis()),
                Integer.toString(config.windowSize()), InstantText.format(clock.instant()),
                journaled ? Integer.toString(config.journalLimit()) : "0"));
        for (Message message : messages.size() == 1 ? messages : messages.stream().sorted(Message.BY_ID).toList()) {
            args.add(message.id().toString());
            args.add(Integer.toString(message.tokens()));
            args.add(JsonCodec.write(message));
        }
        return args;
    }

    private AppendOutcome outcome(RedisClusterAsyncCommands<String, String> redis, SessionRef ref, ScriptReply reply) {
        if (reply.journalFull()) {
            throw new JournalFullException(tier, "session " + ref + " has " + reply.number(1)
                    + " messages the durable tier does not have yet (mnemo.redis.journal-limit "
                    + config.journalLimit() + ")");
        }
        reply.require(ref);
        users.active(redis, ref, reply.text(4));
        return new AppendOutcome((int) reply.number(1), reply.number(2), reply.number(3));
    }
}
