package dev.mnemo.store.redis.internal;

import dev.mnemo.ConflictException;
import dev.mnemo.JournalFullException;
import dev.mnemo.JsonCodec;
import dev.mnemo.Session;
import dev.mnemo.SessionEnd;
import dev.mnemo.StateDelta;
import dev.mnemo.Summary;
import dev.mnemo.spi.DurableJournal.Journaled;
import dev.mnemo.spi.SessionChange;
import dev.mnemo.spi.SessionRef;
import dev.mnemo.spi.support.InstantText;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * The writes to a session other than appends, each by a script that checks the session and
 * refreshes its TTL. The session changes (open, state, metadata, end) write the hot copy and, when
 * asked, journal the change for the durable tier in the same step (see {@code prelude.lua}); a
 * journaled change then indexes the session in {@code journal-due} ({@link JournalIndex#index}).
 * A touch and a summary's compare-and-set are never journaled.
 */
public final class Changes {

    /** How often a metadata change merges again after another write changed the metadata meanwhile. */
    private static final int METADATA_ATTEMPTS = 8;
    private static final String NAME = "redis";

    private final Keys keys;
    private final String ttl;
    private final int journalLimit;
    private final Clock clock;
    private final Owners owners;
    private final UserIndex users;
    private final StateAccess state;
    private final JournalIndex journalDue;

    /**
     * @param keys         the key layout
     * @param ttl          the sessions' idle expiry
     * @param journalLimit the most changes one session's journal holds
     * @param clock        the clock of timestamps
     * @param owners       the owners this process knows
     * @param users        the users' indexes
     * @param state        the state hashes
     * @param journalDue   the journal's index
     */
    public Changes(Keys keys, Duration ttl, int journalLimit, Clock clock, Owners owners, UserIndex users,
                   StateAccess state, JournalIndex journalDue) {
        this.keys = keys;
        this.ttl = Long.toString(ttl.toMillis());
        this.journalLimit = journalLimit;
        this.clock = clock;
        this.owners = owners;
        this.users = users;
        this.state = state;
        this.journalDue = journalDue;
    }

    /**
     * Applies {@code change}, journaled for the durable tier when {@code journaled}.
     *
     * @return the hot answer with the entry (none when not journaled or nothing changed)
     */
    @SuppressWarnings("unchecked")
    public <T> CompletionStage<Journaled<T>> apply(RedisClusterAsyncCommands<String, String> redis,
                                                   SessionChange<T> change, boolean journaled) {
        List<String> args = journaled ? ChangeArgs.of(change, journalLimit) : ChangeArgs.NONE;
        CompletionStage<? extends Journaled<?>> applied;
        if (change instanceof SessionChange.Create create) {
            applied = create(redis, create.session(), args);
        } else if (change instanceof SessionChange.StateChange delta) {
            applied = state(redis, delta.ref(), delta.delta(), args);
        } else if (change instanceof SessionChange.MetadataChange metadata) {
            applied = metadata(redis, metadata.ref(), metadata.changes(), args, METADATA_ATTEMPTS);
        } else {
            SessionChange.End end = (SessionChange.End) change;
            applied = end(redis, end.ref(), end.end(), args);
        }
        CompletionStage<Journaled<T>> typed = applied.thenApply(done -> (Journaled<T>) done);
        if (!journaled) {
            return typed;
        }
        return typed.thenCompose(done -> done.entry() == null ? CompletableFuture.completedFuture(done)
                : journalDue.index(redis, change.ref()).thenApply(indexed -> done));
    }

    /** Marks the session active: refreshes its TTL and, when due, its place in its user's index. */
    public CompletionStage<Void> touch(RedisClusterAsyncCommands<String, String> redis, SessionRef ref) {
        return Script.TOUCH.run(redis, keys.session(ref), List.of(ttl, now())).thenApply(reply -> {
            users.active(redis, ref, reply.require(ref).text(1));
            return null;
        });
    }

    /** @return whether the summary was replaced: only while its version is {@code expectedVersion} */
    public CompletionStage<Boolean> compareAndSetSummary(RedisClusterAsyncCommands<String, String> redis, SessionRef ref,
                                                         long expectedVersion, Summary summary) {
        return Script.SUMMARY.run(redis, keys.session(ref), List.of(ttl, Long.toString(expectedVersion),
                JsonCodec.write(summary))).thenApply(reply -> reply.require(ref).flag(1));
    }

    private CompletionStage<Journaled<Session>> create(RedisClusterAsyncCommands<String, String> redis, Session session,
                                                       List<String> journalArgs) {
        SessionRef ref = session.ref();
        Keys.SessionKeys sessionKeys = keys.session(ref);
        List<String> args = new ArrayList<>(List.of(ttl, now(), Long.toString(session.createdAt().toEpochMilli())));
        args.addAll(Records.meta(session));
        args.addAll(journalArgs);
        return Script.CREATE.run(redis, sessionKeys, args).thenCompose(reply -> {
            requireRoom(ref, reply);
            long outcome = reply.require(ref).number(1);
            if (outcome == 0) {
                return CompletableFuture.completedFuture(new Journaled<>(
                        Records.session(ref, sessionKeys.meta(), reply.texts(2)), null, 0));
            }
            Session stored = outcome == 2 ? Records.session(ref, sessionKeys.meta(), reply.texts(2)) : session;
            owners.put(ref, stored.userId());
            Journaled<Session> done = ChangeArgs.journaled(stored, reply, 3);
            return stored.userId() == null ? CompletableFuture.completedFuture(done)
                    : users.created(redis, ref, stored.userId()).thenApply(indexed -> done);
        });
    }

    private CompletionStage<Journaled<Void>> state(RedisClusterAsyncCommands<String, String> redis, SessionRef ref,
                                                   StateDelta delta, List<String> journalArgs) {
        return state.apply(redis, ref, delta, journalArgs).thenApply(reply -> ChangeArgs.journaled(null, reply, 2));
    }

    private CompletionStage<Journaled<Boolean>> end(RedisClusterAsyncCommands<String, String> redis, SessionRef ref,
                                                    SessionEnd end, List<String> journalArgs) {
        List<String> args = new ArrayList<>(List.of(ttl, now(), end.reason(), end.endedBy() == null ? "" : end.endedBy()));
        args.addAll(journalArgs);
        return Script.END.run(redis, keys.session(ref), args).thenApply(reply -> {
            requireRoom(ref, reply);
            return ChangeArgs.journaled(reply.require(ref).flag(1), reply, 2);
        });
    }

    /** Reads the metadata, merges the changes and writes it back if no other write changed it meanwhile. */
    private CompletionStage<Journaled<Void>> metadata(RedisClusterAsyncCommands<String, String> redis, SessionRef ref,
                                                      Map<String, ? extends @Nullable Object> changes,
                                                      List<String> journalArgs, int attempts) {
        String meta = keys.session(ref).meta();
        return Errors.at(meta, redis.hget(meta, Records.metadataField())).thenCompose(current -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> read = current == null ? Map.of() : JsonCodec.read(meta, current, Map.class);
            Map<String, Object> merged = new LinkedHashMap<>(read);
            changes.forEach((key, value) -> {
                if (value == null) {
                    merged.remove(key);
                } else {
                    merged.put(key, value);
                }
            });
            List<String> args = new ArrayList<>(List.of(ttl, now(), current == null ? "" : current,
                    merged.isEmpty() ? "" : JsonCodec.write(merged)));
            args.addAll(journalArgs);
            return Script.METADATA.run(redis, keys.session(ref), args).thenCompose(reply -> {
                if (reply.changed() && attempts > 1) {
                    return metadata(redis, ref, changes, journalArgs, attempts - 1);
                }
                if (reply.changed()) {
                    throw new ConflictException("The metadata of session " + ref
                            + " kept changing while this change merged it; try again");
                }
                requireRoom(ref, reply);
                return CompletableFuture.completedFuture(ChangeArgs.<Void>journaled(null, reply.require(ref), 1));
            });
        });
    }

    private void requireRoom(SessionRef ref, ScriptReply reply) {
        if (reply.journalFull()) {
            throw new JournalFullException(NAME, "session " + ref + " has " + reply.number(1)
                    + " changes the durable tier does not have yet (mnemo.redis.journal-limit " + journalLimit + ")");
        }
    }

    private String now() {
        return InstantText.format(clock.instant());
    }
}
