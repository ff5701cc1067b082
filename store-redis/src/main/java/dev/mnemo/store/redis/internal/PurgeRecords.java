package dev.mnemo.store.redis.internal;

import dev.mnemo.CorruptDataException;
import dev.mnemo.SessionId;
import dev.mnemo.spi.DurableJournal.Purge;
import dev.mnemo.spi.SessionRef;
import dev.mnemo.spi.support.Limits;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a purge leaves behind so that nothing purged comes back: the namespace's record of the
 * purges the durable tier has still to apply ({@link Keys#purges}), and each purged session's
 * tombstone ({@link Keys.SessionKeys#tombstone()}), written by {@code delete.lua} and kept for
 * {@link #TOMBSTONE_RETENTION}.
 */
public final class PurgeRecords {

    /** How long a purged session's tombstone is kept: every purge the durable tier applies within it is final. */
    public static final Duration TOMBSTONE_RETENTION = Duration.ofDays(7);

    private static final Logger LOG = LoggerFactory.getLogger(PurgeRecords.class);
    private static final String SESSION_PURGE = "session:";
    private static final String USER_PURGE = "user:";
    /** Removes field ARGV[1] of KEYS[1] if it still holds ARGV[2]. */
    private static final String FORGET_PURGE = """
            if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then
              return redis.call('HDEL', KEYS[1], ARGV[1])
            end
            return 0""";

    private final Keys keys;

    /** @param keys the key layout */
    public PurgeRecords(Keys keys) {
        this.keys = keys;
    }

    /**
     * @param owner the user the session must belong to, or {@code ""} for any owner
     * @return the arguments of {@code delete.lua} for a final purge at {@code now}
     */
    public static List<String> purgeArgs(String owner, Instant now) {
        return List.of(owner, "purge", Long.toString(now.toEpochMilli()), Long.toString(TOMBSTONE_RETENTION.toMillis()));
    }

    /** Records a purge for the durable tier, before the hot tier's part runs, so a crash between leaves it to be redone. */
    public CompletionStage<Void> record(RedisClusterAsyncCommands<String, String> redis, Purge purge) {
        String purges = keys.purges(purge.namespace());
        return Errors.at(purges, redis.hset(purges, field(purge), Long.toString(purge.at().toEpochMilli())))
                .thenApply(set -> null);
    }

    /** @return the namespace's purges the durable tier has not applied yet, oldest first; unreadable fields are removed */
    public CompletionStage<List<Purge>> pending(RedisClusterAsyncCommands<String, String> redis, String namespace) {
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
    public CompletionStage<Void> applied(RedisClusterAsyncCommands<String, String> redis, Purge purge) {
        String purges = keys.purges(purge.namespace());
        return Errors.at(purges, redis.<Long>eval(FORGET_PURGE, ScriptOutputType.INTEGER, new String[] {purges},
                field(purge), Long.toString(purge.at().toEpochMilli()))).thenApply(removed -> null);
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

    private static String field(Purge purge) {
        return purge.session() != null ? SESSION_PURGE + purge.session().value() : USER_PURGE + purge.userId();
    }
}
