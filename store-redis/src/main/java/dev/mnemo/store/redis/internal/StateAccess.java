package dev.mnemo.store.redis.internal;

import dev.mnemo.Session;
import dev.mnemo.SessionNotFoundException;
import dev.mnemo.State;
import dev.mnemo.StateDelta;
import dev.mnemo.StateScope;
import dev.mnemo.spi.JsonCodec;
import dev.mnemo.spi.SessionRef;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
     * Reads the session's state with its user's and namespace's: the session's meta, its state and
     * the {@code app:} state in one pipelined round trip, then the {@code user:} state when it has a user.
     */
    public CompletionStage<State> read(RedisClusterAsyncCommands<String, String> redis, SessionRef ref) {
        Keys.SessionKeys session = keys.session(ref);
        String app = keys.appState(ref.namespace());
        CompletableFuture<Map<String, String>> meta = hash(redis, session.meta());
        CompletableFuture<Map<String, String>> own = hash(redis, session.state());
        CompletableFuture<Map<String, String>> shared = hash(redis, app);
        return CompletableFuture.allOf(meta, own, shared).thenCompose(done -> {
            if (meta.join().isEmpty()) {
                throw new SessionNotFoundException(ref.toString());
            }
            Session owner = Records.session(ref, session.meta(), meta.join());
            State state = Records.state(session.state(), own.join()).merge(Records.state(app, shared.join()));
            if (owner.userId() == null) {
                return CompletableFuture.completedFuture(state);
            }
            String user = keys.userState(ref.namespace(), owner.userId());
            return hash(redis, user).thenApply(values -> state.merge(Records.state(user, values)));
        });
    }

    /**
     * Applies a delta without its {@code temp:} keys: the session's part first, by a script that
     * refuses {@code user:} keys on an anonymous session before anything is written, then the
     * {@code user:} and {@code app:} parts, pipelined.
     */
    public CompletionStage<Void> apply(RedisClusterAsyncCommands<String, String> redis, SessionRef ref, StateDelta delta) {
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
        return Script.STATE.run(redis, keys.session(ref), args).thenCompose(reply -> {
            String userId = reply.require(ref).text(1);
            List<CompletableFuture<?>> writes = new ArrayList<>();
            if (!user.isEmpty()) {
                String key = keys.userState(ref.namespace(), userId);
                write(redis, key, user, writes);
                writes.add(redis.pexpire(key, userTtlMillis).toCompletableFuture());
            }
            write(redis, keys.appState(ref.namespace()), stored.scope(StateScope.APP), writes);
            return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new));
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
