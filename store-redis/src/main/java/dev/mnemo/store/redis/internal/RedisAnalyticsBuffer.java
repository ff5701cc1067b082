package dev.mnemo.store.redis.internal;

import dev.mnemo.CorruptDataException;
import dev.mnemo.InvalidInputException;
import dev.mnemo.Message;
import dev.mnemo.SessionId;
import dev.mnemo.spi.support.InstantText;
import dev.mnemo.spi.AnalyticsBuffer;
import dev.mnemo.spi.AnswerRecord;
import dev.mnemo.JsonCodec;
import dev.mnemo.spi.SessionRef;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.ZAddArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The analytics buffer in Redis (see {@link Keys}): per session a hash on the session's slot with
 * its owner ({@code user}), start ({@code started}) and each answer as JSON under {@code a:<message id>}
 * (written with {@code HSETNX}, so a replayed answer is stored once); per namespace a sorted set of
 * session ids scored by when each is next due, in epoch ms; per purged user a string with the
 * purge time. Every write refreshes the hash's TTL to the retention. The hash is written by a short
 * script that first reads the session's purge tombstone on the same slot: what was made before the
 * session was last purged (an answer given, a session started) is dropped, so a write racing a
 * purge, from any process, never brings the buffer back. The schedule lives on another Cluster
 * slot and is written after the hash, only when the script took the write (two round trips; each
 * write is idempotent). A lease is taken with a short script on the schedule alone. A purge of the
 * session takes it out of the schedule ({@link #unschedule}).
 */
public final class RedisAnalyticsBuffer implements AnalyticsBuffer {

    /** Runs commands once connected, translating failures as the store does. */
    public interface Commands {
        /** @return what {@code body} returns, its failures as {@link dev.mnemo.MnemoException}s */
        <T> CompletionStage<T> call(Function<RedisClusterAsyncCommands<String, String>, CompletionStage<T>> body);
    }

    private static final Logger LOG = LoggerFactory.getLogger(RedisAnalyticsBuffer.class);
    private static final String USER = "user";
    private static final String STARTED = "started";
    private static final String ANSWER = "a:";
    /** Moves a member's score to ARGV[3] when it is at or below ARGV[2]; 1 when it did. */
    private static final String CLAIM = """
            local due = redis.call('ZSCORE', KEYS[1], ARGV[1])
            if due and tonumber(due) <= tonumber(ARGV[2]) then
              redis.call('ZADD', KEYS[1], ARGV[3], ARGV[1])
              return 1
            end
            return 0""";

    /**
     * KEYS: the session's buffer and its tombstone; ARGV: when what is written was made (epoch ms), the
     * retention (ms), then field and value pairs, each set unless present. Writes nothing and returns 0
     * when the session was purged at or after that time; else 1.
     */
    private static final String WRITE = """
            local purged = redis.call('GET', KEYS[2])
            if purged and tonumber(purged) >= tonumber(ARGV[1]) then
              return 0
            end
            for i = 3, #ARGV, 2 do
              redis.call('HSETNX', KEYS[1], ARGV[i], ARGV[i + 1])
            end
            redis.call('PEXPIRE', KEYS[1], ARGV[2])
            return 1""";

    private final Keys keys;
    private final long retentionMillis;
    private final Commands redis;

    /**
     * @param keys      the store's keys
     * @param retention how long a buffer and a purge record live after their last write
     * @param redis     the store's connection
     */
    public RedisAnalyticsBuffer(Keys keys, Duration retention, Commands redis) {
        this.keys = keys;
        this.retentionMillis = retention.toMillis();
        this.redis = redis;
    }

    @Override
    public CompletionStage<Void> track(SessionRef ref, String userId, Instant startedAt, Instant due) {
        List<String> fields = new ArrayList<>(List.of(STARTED, startedAt.toString()));
        if (userId != null) {
            fields.addAll(List.of(USER, userId));
        }
        return write(ref, startedAt, fields, due);
    }

    @Override
    public CompletionStage<Void> add(SessionRef ref, AnswerRecord answer, Instant due) {
        return write(ref, answer.at(), List.of(ANSWER + answer.messageId(), JsonCodec.write(answer)), due);
    }

    @Override
    public CompletionStage<BufferedSession> read(SessionRef ref) {
        String hash = keys.sessionAnalytics(ref);
        return redis.call(commands -> Errors.at(hash, commands.hgetall(hash)).thenApply(fields -> parse(hash, fields)));
    }

    @Override
    public CompletionStage<List<SessionId>> due(String namespace, Instant now, int limit) {
        String schedule = keys.analyticsDue(namespace);
        return redis.call(commands -> Errors.at(schedule, commands.zrangebyscore(schedule,
                Range.create(Double.NEGATIVE_INFINITY, (double) now.toEpochMilli()), Limit.create(0, limit)))
                .thenApply(members -> {
                    List<SessionId> ids = new ArrayList<>(members.size());
                    for (String member : members) {
                        try {
                            ids.add(SessionId.of(member));
                        } catch (IllegalArgumentException | InvalidInputException e) {
                            LOG.error("Corrupt member '{}' of Redis key {} is not a session id; removed", member, schedule);
                            commands.zrem(schedule, member);
                        }
                    }
                    return ids;
                }));
    }

    @Override
    public CompletionStage<Boolean> claim(SessionRef ref, Instant now, Instant until) {
        String schedule = keys.analyticsDue(ref.namespace());
        return redis.call(commands -> Errors.at(schedule, commands.<Long>eval(CLAIM, ScriptOutputType.INTEGER,
                new String[] {schedule}, ref.id().value(), Long.toString(now.toEpochMilli()),
                Long.toString(until.toEpochMilli()))).thenApply(moved -> moved == 1L));
    }

    @Override
    public CompletionStage<Void> schedule(SessionRef ref, Instant due) {
        String schedule = keys.analyticsDue(ref.namespace());
        return redis.call(commands -> Errors.at(schedule, commands.zadd(schedule, (double) due.toEpochMilli(),
                ref.id().value())).thenApply(added -> null));
    }

    @Override
    public CompletionStage<Void> remove(SessionRef ref) {
        String hash = keys.sessionAnalytics(ref);
        String schedule = keys.analyticsDue(ref.namespace());
        return redis.call(commands -> all(List.of(commands.del(hash), Errors.at(schedule, commands.zrem(schedule,
                ref.id().value())))));
    }

    @Override
    public CompletionStage<Void> forgetUser(String namespace, String userId, Instant at) {
        String key = keys.analyticsForgotten(namespace, userId);
        return redis.call(commands -> commands.set(key, at.toString(), SetArgs.Builder.px(retentionMillis))
                .thenApply(ok -> null));
    }

    @Override
    public CompletionStage<Optional<Instant>> forgottenAt(String namespace, String userId) {
        String key = keys.analyticsForgotten(namespace, userId);
        return redis.call(commands -> Errors.at(key, commands.get(key)).thenApply(text -> Optional.ofNullable(text)
                .map(at -> instant(key, at))));
    }

    /**
     * Takes the session out of the namespace's analytics schedule: a purge does, so the schedule keeps
     * no id of a purged session.
     *
     * @param namespace the sessions' namespace
     * @param sessions  the purged sessions' ids, at least one
     * @return completes when Redis answered
     */
    public static CompletionStage<Void> unschedule(RedisClusterAsyncCommands<String, String> redis, Keys keys,
                                                  String namespace, List<String> sessions) {
        String schedule = keys.analyticsDue(namespace);
        return Errors.at(schedule, redis.zrem(schedule, sessions.toArray(String[]::new))).thenApply(removed -> null);
    }

    /** Writes {@code fields} to the buffer unless the session was purged since {@code made}, then schedules it. */
    private CompletionStage<Void> write(SessionRef ref, Instant made, List<String> fields, Instant due) {
        String hash = keys.sessionAnalytics(ref);
        String schedule = keys.analyticsDue(ref.namespace());
        List<String> args = new ArrayList<>(List.of(Long.toString(made.toEpochMilli()), Long.toString(retentionMillis)));
        args.addAll(fields);
        return redis.call(commands -> Errors.at(hash, commands.<Long>eval(WRITE, ScriptOutputType.INTEGER,
                        new String[] {hash, keys.session(ref).tombstone()}, args.toArray(String[]::new)))
                .thenCompose(taken -> taken == 0L ? CompletableFuture.completedFuture(null)
                        : Errors.at(schedule, commands.zadd(schedule, ZAddArgs.Builder.nx(), (double) due.toEpochMilli(),
                                ref.id().value())).thenApply(added -> null)));
    }

    private static CompletionStage<Void> all(List<? extends CompletionStage<?>> stages) {
        return CompletableFuture.allOf(stages.stream().map(CompletionStage::toCompletableFuture)
                .toArray(CompletableFuture[]::new));
    }

    private static BufferedSession parse(String hash, Map<String, String> fields) {
        List<AnswerRecord> answers = new ArrayList<>();
        fields.forEach((field, value) -> {
            if (field.startsWith(ANSWER)) {
                answers.add(JsonCodec.read(hash + " " + field, value, AnswerRecord.class));
            }
        });
        answers.sort((a, b) -> Message.compareIds(a.messageId(), b.messageId()));
        String started = fields.get(STARTED);
        return new BufferedSession(fields.get(USER), started == null ? null : instant(hash + " " + STARTED, started),
                answers);
    }

    private static Instant instant(String where, String text) {
        try {
            return InstantText.parse(text);
        } catch (DateTimeParseException e) {
            throw new CorruptDataException("Redis key " + where, "not a time: '" + text + "'", e);
        }
    }
}
