package dev.mnemo.store.redis.internal;

import dev.mnemo.State;
import dev.mnemo.StateDelta;
import dev.mnemo.StateScope;
import dev.mnemo.JsonCodec;
import dev.mnemo.spi.SessionRef;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A session's state in its three scopes: the session's own hash on its slot (written by a script
 * that checks the session and refreshes its TTL), the user's {@code user:} hash, which expires
 * with the user's index (see {@link UserIndex}), and the namespace's {@code app:} hash, which does
 * not expire. Each value is JSON; a key is set or removed whole, so concurrent deltas to different
 * keys never lose each other's writes.
 */
public final class StateAccess {

    private final Keys keys;
    private final String sessionTtlMillis;
    private final long userTtlMillis;

    /**
     * @param keys       the key layout
     * @param sessionTtl the session TTL; {@code user:} state lives {@link UserIndex#INTERVAL} longer
     */
    public StateAccess(Keys keys, Duration sessionTtl) {
        this.keys = keys;
        this.sessionTtlMillis = Long.toString(sessionTtl.toMillis());
        this.userTtlMillis = sessionTtl.plus(UserIndex.INTERVAL).toMillis();
    }

    /**
     * Adds the reads of a session's state to {@code reads}: its own hash, the {@code app:} hash and,
     * when {@code owners} knows the session's owner, the {@code user:} hash; the caller reads the
     * session's meta in the same pipeline and finishes the read with the owner it names.
     *
     * @return what finishes the read once the pipeline's replies have come
     */
    public StateRead read(Pipeline reads, SessionRef ref, Owners owners) {
        Keys.SessionKeys session = keys.session(ref);
        String app = keys.appState(ref.namespace());
        Optional<Optional<String>> assumed = owners.get(ref);
        String userKey = assumed.flatMap(owner -> owner).map(user -> keys.userState(ref.namespace(), user)).orElse(null);
        return new StateRead(session.state(), reads.hgetall(session.state()), app, reads.hgetall(app),
                userKey, userKey == null ? null : reads.hgetall(userKey), assumed);
    }

    /** A state read in flight; see {@link #read(Pipeline, SessionRef, Owners)}. */
    public final class StateRead {
        private final String ownKey;
        private final CompletableFuture<Map<String, String>> own;
        private final String appKey;
        private final CompletableFuture<Map<String, String>> app;
        private final String userKey;
        private final CompletableFuture<Map<String, String>> user;
        private final Optional<Optional<String>> assumed;

        private StateRead(String ownKey, CompletableFuture<Map<String, String>> own, String appKey,
                          CompletableFuture<Map<String, String>> app, String userKey,
                          CompletableFuture<Map<String, String>> user, Optional<Optional<String>> assumed) {
            this.ownKey = ownKey;
            this.own = own;
            this.appKey = appKey;
            this.app = app;
            this.userKey = userKey;
            this.user = user;
            this.assumed = assumed;
        }

        /**
         * @param owner the session's owner as its meta hash names it, {@code null} for none
         * @return the state; read in one more round trip when the owner was not the one assumed
         */
        public CompletionStage<State> finish(RedisClusterAsyncCommands<String, String> redis, SessionRef ref,
                                             String owner, Owners owners) {
            owners.put(ref, owner);
            State state = Records.state(ownKey, own.join()).merge(Records.state(appKey, app.join()));
            if (owner == null) {
                return CompletableFuture.completedFuture(state);
            }
            if (assumed.equals(Optional.of(Optional.of(owner)))) {
                return CompletableFuture.completedFuture(state.merge(Records.state(userKey, user.join())));
            }
            String key = keys.userState(ref.namespace(), owner);
            return hash(redis, key).thenApply(values -> state.merge(Records.state(key, values)));
        }
    }

    /**
     * Applies a delta without its {@code temp:} keys: the session's part first, by a script that
     * refuses {@code user:} keys on an anonymous session before anything is written, then the
     * {@code user:} and {@code app:} parts, pipelined.
     *
     * @param journal the journal's three arguments ({@link ChangeArgs})
     * @return the script's reply: owner, then the change's entry and how many changes were pending before it
     */
    public CompletionStage<ScriptReply> apply(RedisClusterAsyncCommands<String, String> redis, SessionRef ref,
                                             StateDelta delta, List<String> journal) {
        StateDelta stored = delta.persistent();
        StateDelta own = stored.scope(StateScope.SESSION);
        StateDelta user = stored.scope(StateScope.USER);
        List<String> args = new ArrayList<>(List.of(sessionTtlMillis, user.isEmpty() ? "0" : "1",
                Integer.toString(own.updates().size())));
        own.updates().forEach((key, value) -> {
            args.add(key);
            args.add(JsonCodec.write(value));
        });
        args.addAll(own.removals());
        args.addAll(journal);
        return Script.STATE.run(redis, keys.session(ref), args).thenCompose(reply -> {
            String userId = reply.require(ref).text(1);
            List<CompletableFuture<?>> writes = new ArrayList<>();
            if (!user.isEmpty()) {
                String key = keys.userState(ref.namespace(), userId);
                write(redis, key, user, writes);
                writes.add(redis.pexpire(key, userTtlMillis).toCompletableFuture());
            }
            write(redis, keys.appState(ref.namespace()), stored.scope(StateScope.APP), writes);
            return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).thenApply(written -> reply);
        });
    }

    private static void write(RedisClusterAsyncCommands<String, String> redis, String key, StateDelta delta,
                              List<CompletableFuture<?>> writes) {
        if (!delta.updates().isEmpty()) {
            Map<String, String> json = new LinkedHashMap<>();
            delta.updates().forEach((name, value) -> json.put(name, JsonCodec.write(value)));
            writes.add(Errors.at(key, redis.hset(key, json)).toCompletableFuture());
        }
        if (!delta.removals().isEmpty()) {
            writes.add(Errors.at(key, redis.hdel(key, delta.removals().toArray(String[]::new))).toCompletableFuture());
        }
    }

    private static CompletableFuture<Map<String, String>> hash(RedisClusterAsyncCommands<String, String> redis, String key) {
        return Errors.at(key, redis.hgetall(key)).toCompletableFuture();
    }
}
