package dev.mnemo.store.redis.internal;

import dev.mnemo.spi.support.Stages;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The Lua scripts of the Redis tier, each {@code lua/prelude.lua} followed by
 * {@code lua/<name>.lua}. Every script takes the session's keys (in {@link Keys.SessionKeys}
 * order) and its values as {@code ARGV}, and replies with a list whose first element is a
 * {@link ScriptReply} code. Scripts are loaded once per connection with {@code SCRIPT LOAD} (on
 * every master of a Cluster) and run with {@code EVALSHA}; a server that has lost its script
 * cache (restarted, failed over) answers {@code NOSCRIPT}, and the call is repeated once with
 * {@code EVAL}, which caches the script on that server again.
 */
public enum Script {
    /** Creates a session unless it exists. */
    CREATE,
    /** Appends a batch in one round trip. */
    APPEND,
    /** Reads the last k messages, or a page after an id. */
    MESSAGES,
    /** Compare-and-set of the summary. */
    SUMMARY,
    /** Claims the end of the session. */
    END,
    /** Marks activity. */
    TOUCH,
    /** Applies session-scoped state. */
    STATE,
    /** Replaces the metadata if it is still what was read. */
    METADATA,
    /** Purges the session, or resets its corrupt data keeping its journal. */
    DELETE,
    /** Reads, settles, poisons and retries the session's journal toward the durable tier. */
    JOURNAL;

    private final String body;
    private final String sha;

    Script() {
        body = resource("prelude") + "\n" + resource(name().toLowerCase(Locale.ROOT));
        sha = sha1(body);
    }

    /**
     * Runs the script: one round trip unless the server has lost its script cache.
     *
     * @param redis the commands of the connection
     * @param keys  the session's keys
     * @param args  every value the script takes
     * @return the reply, its code not yet checked
     */
    public CompletionStage<ScriptReply> run(RedisClusterAsyncCommands<String, String> redis, Keys.SessionKeys keys,
                                            List<String> args) {
        String[] keyArray = keys.all();
        String[] argArray = args.toArray(String[]::new);
        return redis.<List<Object>>evalsha(sha, ScriptOutputType.MULTI, keyArray, argArray).toCompletableFuture()
                .thenApply(values -> new ScriptReply(values, false))
                .exceptionallyCompose(error -> isNoScript(error)
                        ? redis.<List<Object>>eval(body, ScriptOutputType.MULTI, keyArray, argArray)
                                .thenApply(values -> new ScriptReply(values, true))
                        : CompletableFuture.failedFuture(error));
    }

    /** @return a stage that completes when every script is in the server's (every master's) cache */
    public static CompletionStage<Void> loadAll(RedisClusterAsyncCommands<String, String> redis) {
        return CompletableFuture.allOf(Arrays.stream(values())
                .map(script -> redis.scriptLoad(script.body).toCompletableFuture())
                .toArray(CompletableFuture[]::new));
    }

    private static boolean isNoScript(Throwable error) {
        Throwable cause = Stages.unwrap(error);
        return cause instanceof RedisNoScriptException
                || String.valueOf(cause.getMessage()).startsWith("NOSCRIPT");
    }

    private static String resource(String name) {
        try (InputStream in = Script.class.getResourceAsStream("lua/" + name + ".lua")) {
            if (in == null) {
                throw new IllegalStateException("Missing Lua script lua/" + name + ".lua next to " + Script.class.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every Java platform", e);
        }
    }
}
