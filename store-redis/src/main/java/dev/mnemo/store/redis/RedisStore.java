package dev.mnemo.store.redis;

import dev.mnemo.JournalFullException;
import dev.mnemo.Message;
import dev.mnemo.Session;
import dev.mnemo.SessionEnd;
import dev.mnemo.State;
import dev.mnemo.StateDelta;
import dev.mnemo.Summary;
import dev.mnemo.spi.AnalyticsBuffer;
import dev.mnemo.spi.AnalyticsBuffers;
import dev.mnemo.spi.AppendOutcome;
import dev.mnemo.spi.Capabilities;
import dev.mnemo.spi.DurableJournal;
import dev.mnemo.spi.Health;
import dev.mnemo.spi.JournalPage;
import dev.mnemo.spi.MemoryStore;
import dev.mnemo.spi.Resettable;
import dev.mnemo.spi.SessionChange;
import dev.mnemo.spi.SessionRef;
import dev.mnemo.spi.Turn;
import dev.mnemo.spi.Window;
import dev.mnemo.spi.support.Limits;
import dev.mnemo.spi.support.Stages;
import dev.mnemo.store.redis.internal.Appends;
import dev.mnemo.store.redis.internal.Calls;
import dev.mnemo.store.redis.internal.Changes;
import dev.mnemo.store.redis.internal.DecodeCache;
import dev.mnemo.store.redis.internal.EvictionPolicy;
import dev.mnemo.store.redis.internal.JournalIndex;
import dev.mnemo.store.redis.internal.Keys;
import dev.mnemo.store.redis.internal.Owners;
import dev.mnemo.store.redis.internal.PurgeRecords;
import dev.mnemo.store.redis.internal.Purges;
import dev.mnemo.store.redis.internal.RedisAnalyticsBuffer;
import dev.mnemo.store.redis.internal.RedisConnection;
import dev.mnemo.store.redis.internal.RedisJournal;
import dev.mnemo.store.redis.internal.Replicas;
import dev.mnemo.store.redis.internal.SessionReads;
import dev.mnemo.store.redis.internal.StateAccess;
import dev.mnemo.store.redis.internal.Turns;
import dev.mnemo.store.redis.internal.UserIndex;
import io.lettuce.core.event.command.CommandListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * The Redis tier (Lettuce): the hot window of each session, its counters, summary and state,
 * shared by every process and expiring after {@link RedisStoreConfig#ttl()} of inactivity.
 *
 * <p>Layout (see {@link Keys}): per session a meta hash, a list of the latest
 * {@link RedisStoreConfig#windowSize()} messages as JSON in id order, the summary as JSON and a
 * state hash, all on the session's Cluster slot; per user an index of sessions and the
 * {@code user:} state; per namespace the {@code app:} state. Every write to a session refreshes the
 * TTL of all its keys, an append only once less than 99% of the TTL is left, so a session may
 * expire up to 1% of its TTL early. {@code app:} state does not expire: it is shared by the whole
 * namespace and no single session's activity could keep it alive.
 *
 * <p>Cost: an append is one round trip ({@code EVALSHA} of a Lua script). A message newer than
 * every one stored, the usual case, costs the script five Redis calls; an older one is placed by a
 * binary search of the window, O(log window) calls; neither depends on how long the session is. The
 * context read ({@link #readWindow}) is one round trip too: three reads, pipelined; the messages
 * and summary it has decoded lately are kept by their text ({@link DecodeCache}, a few megabytes at
 * most), so a chat's next read decodes only what is new. De-duplication
 * looks only at the window, so it needs no memory beyond it: an id older than every kept message of
 * a trimmed session cannot be told apart from one already stored and trimmed, so it is skipped and
 * not counted; the window could not show it anyway, and the durable tier is the system of record
 * for such late replays and for their order.
 *
 * <p>Journal: with a durable tier, the router appends through {@link #appendJournaled}, which keeps
 * every message the durable tier does not hold yet in the session's journal keys, in the same script
 * (see {@link DurableJournal} and {@link RedisJournal}); those keys never expire while they hold
 * entries, and the window is trimmed freely because the journal keeps its own copy. How much of the
 * journal survives a crash of Redis itself is Redis's persistence: with AOF and
 * {@code appendfsync always} none of it is lost, with {@code everysec} about a second of it; and
 * across a failover to a replica, its replication, which is asynchronous unless
 * {@link RedisStoreConfig#minReplicasAcked()} makes every journaled write {@code WAIT} for replicas
 * before it is acknowledged (one more round trip; see {@link Replicas}).
 *
 * <p>Eviction: journal keys carry no TTL, so Redis evicts them under no {@code volatile-*} policy
 * and not under {@code noeviction}; an {@code allkeys-*} policy (allkeys-lru, allkeys-lfu,
 * allkeys-random) would evict acknowledged writes the durable tier does not have yet. So the first
 * journaled call reads {@code maxmemory-policy} ({@code CONFIG GET}, else {@code INFO memory}), and
 * under an {@code allkeys-*} policy every journaled append fails with
 * {@link dev.mnemo.WriteRefusedException} naming the policy and what to set instead; without a
 * durable tier nothing is journaled and any policy is fine. A write Redis refuses for memory
 * ({@code OOM}, over {@code maxmemory}) fails with {@link dev.mnemo.WriteRefusedException} too:
 * nothing of it was stored, and it is not acknowledged from another tier. {@link #health()} reports
 * the policy and whether the journal is safe under it; see {@link EvictionPolicy}.
 *
 * <p>Failures: an outage fails each call within {@link RedisStoreConfig#commandTimeout()}
 * ({@link dev.mnemo.StoreUnavailableException}, {@link dev.mnemo.StoreTimeoutException}); corrupt
 * data fails the read that meets it with {@link dev.mnemo.CorruptDataException} naming the key,
 * and leaves the session's other keys readable. Stages complete on Lettuce's I/O threads: do not
 * block in callbacks chained to them. Thread-safe; one connection is shared by all calls.
 */
public final class RedisStore implements MemoryStore, DurableJournal, Resettable, AnalyticsBuffers {

    /** The tier's name. */
    public static final String NAME = "redis";

    private final RedisStoreConfig config;
    private final RedisConnection connection;
    private final Calls calls;
    private final Keys keys;
    private final UserIndex users;
    private final Changes changes;
    private final JournalIndex journalDue;
    private final RedisJournal journal;
    private final EvictionPolicy eviction = new EvictionPolicy(NAME);
    private final Replicas replicas;
    private final SessionReads reads;
    private final Appends appends;
    private final Turns turns;
    private final Purges purges;

    private RedisStore(RedisStoreConfig config, List<CommandListener> listeners) {
        this.config = config;
        Clock clock = Clock.systemUTC();
        Owners owners = new Owners();
        this.keys = new Keys(config.keyPrefix());
        this.users = new UserIndex(keys, config.ttl(), clock);
        StateAccess state = new StateAccess(keys, config.ttl());
        this.journalDue = new JournalIndex(keys, config.journalLease(), config.mode() == RedisStoreConfig.Mode.CLUSTER, clock);
        this.journal = new RedisJournal(keys, journalDue);
        this.changes = new Changes(keys, config.ttl(), config.journalLimit(), clock, owners, users, state, journalDue);
        // WAIT answers how many replicas it saw before the command's own timeout would cut it off.
        this.replicas = new Replicas(NAME, config.minReplicasAcked(), config.commandTimeout().multipliedBy(3).dividedBy(4));
        this.connection = RedisConnection.open(config, listeners);
        this.calls = new Calls(NAME, config.commandTimeout(), connection);
        this.reads = new SessionReads(calls, keys, state, owners);
        this.appends = new Appends(NAME, config, calls, keys, users, journalDue, eviction, replicas, clock);
        this.turns = new Turns(appends, reads);
        this.purges = new Purges(calls, keys, users, owners, new PurgeRecords(keys), clock);
    }

    /**
     * @param config the settings
     * @return a store whose connection is being opened in the background; calls made before it is
     *         open wait for it, and fail at once while Redis cannot be reached
     */
    public static RedisStore create(RedisStoreConfig config) {
        return create(config, List.of());
    }

    /**
     * @param config    the settings
     * @param listeners Lettuce listeners told of every command the store sends (tracing, metrics)
     * @return the store, as {@link #create(RedisStoreConfig)}
     */
    public static RedisStore create(RedisStoreConfig config, List<CommandListener> listeners) {
        return new RedisStore(config, List.copyOf(listeners));
    }

    /** @return the settings this store runs with */
    public RedisStoreConfig config() {
        return config;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Capabilities capabilities() {
        return new Capabilities(false, true, config.windowSize(), config.ttl());
    }

    @Override
    public CompletionStage<Session> createSession(Session session) {
        return change(new SessionChange.Create(session));
    }

    @Override
    public CompletionStage<Optional<Session>> getSession(SessionRef ref) {
        return reads.session(ref);
    }

    @Override
    public CompletionStage<Void> touchSession(SessionRef ref) {
        return calls.call(redis -> changes.touch(redis, ref));
    }

    @Override
    public CompletionStage<Boolean> endSession(SessionRef ref, SessionEnd end) {
        return change(new SessionChange.End(ref, end));
    }

    @Override
    public CompletionStage<Void> updateMetadata(SessionRef ref, Map<String, ? extends @Nullable Object> changes) {
        return change(new SessionChange.MetadataChange(ref, new LinkedHashMap<>(changes)));
    }

    /** Purges the session for good, leaving a tombstone (see {@link PurgeRecords#TOMBSTONE_RETENTION}). */
    @Override
    public CompletionStage<Boolean> deleteSession(SessionRef ref) {
        return purges.deleteSession(ref);
    }

    @Override
    public CompletionStage<Integer> deleteUser(String namespace, String userId) {
        return calls.call(() -> UserIndex.check(namespace, userId), redis -> users.deleteUser(redis, namespace, userId));
    }

    @Override
    public CompletionStage<List<Session>> listSessions(String namespace, String userId, int limit) {
        return calls.call(() -> {
            Limits.requirePositive("limit", limit);
            UserIndex.check(namespace, userId);
        }, redis -> users.list(redis, namespace, userId, limit));
    }

    @Override
    public CompletionStage<AppendOutcome> append(SessionRef ref, List<Message> messages) {
        return appends.append(ref, messages, false);
    }

    /**
     * Appends as {@link #append} does and journals, in the same script, what the durable tier does
     * not hold yet; then indexes the session (see {@link RedisJournal}). Refused with
     * {@link JournalFullException} when the session's journal holds
     * {@link RedisStoreConfig#journalLimit()} messages, and with {@link dev.mnemo.WriteRefusedException}
     * while Redis's {@code maxmemory-policy} is an {@code allkeys-*} one (see the class comment).
     */
    @Override
    public CompletionStage<AppendOutcome> appendJournaled(SessionRef ref, List<Message> messages) {
        return appends.append(ref, messages, true);
    }

    /**
     * A turn in one round trip: the append script and the window's reads are written back to back on
     * the one connection (see {@link Turns}).
     */
    @Override
    public CompletionStage<Turn> turn(SessionRef ref, List<Message> messages, int k, boolean withState) {
        return turns.turn(ref, messages, k, withState, false);
    }

    /** A {@link #turn} whose append is journaled as {@link #appendJournaled} journals it. */
    @Override
    public CompletionStage<Turn> turnJournaled(SessionRef ref, List<Message> messages, int k, boolean withState) {
        return turns.turn(ref, messages, k, withState, true);
    }

    @Override
    public CompletionStage<List<Message>> lastMessages(SessionRef ref, int k) {
        return reads.last(ref, k);
    }

    @Override
    public CompletionStage<List<Message>> messagesAfter(SessionRef ref, UUID afterId, int limit) {
        return reads.after(ref, afterId, limit);
    }

    @Override
    public CompletionStage<Optional<Summary>> getSummary(SessionRef ref) {
        return reads.summary(ref);
    }

    @Override
    public CompletionStage<Boolean> compareAndSetSummary(SessionRef ref, long expectedVersion, Summary summary) {
        return calls.call(() -> Limits.requireLaterVersion(expectedVersion, summary),
                redis -> changes.compareAndSetSummary(redis, ref, expectedVersion, summary));
    }

    /** Reads the meta hash and the state in one round trip when this process knows the session's owner. */
    @Override
    public CompletionStage<State> getState(SessionRef ref) {
        return reads.state(ref);
    }

    @Override
    public CompletionStage<Void> applyState(SessionRef ref, StateDelta delta) {
        return change(new SessionChange.StateChange(ref, delta));
    }

    /**
     * Applies a change as the matching call does and journals it in the same script (see {@link Changes});
     * with {@link RedisStoreConfig#minReplicasAcked()} it answers once that many replicas hold it.
     */
    @Override
    public <T> CompletionStage<Journaled<T>> writeJournaled(SessionChange<T> change) {
        return calls.call(redis -> changes.apply(redis, change, true).thenCompose(written -> replicas.confirm(redis, written)));
    }

    private <T> CompletionStage<T> change(SessionChange<T> change) {
        return calls.call(redis -> changes.apply(redis, change, false)).thenApply(Journaled::value);
    }

    @Override
    public CompletionStage<List<JournaledChange>> readChanges(SessionRef ref, int limit) {
        return calls.call(() -> Limits.requirePositive("limit", limit), redis -> journal.changes(redis, ref, limit));
    }

    @Override
    public CompletionStage<Long> settleChanges(SessionRef ref, Collection<String> entries) {
        return calls.call(redis -> journal.settleChanges(redis, ref, entries));
    }

    @Override
    public CompletionStage<Purged> purge(SessionRef ref, @Nullable String owner) {
        return purges.purge(ref, owner);
    }

    @Override
    public CompletionStage<Purged> purgeUser(String namespace, String userId) {
        return purges.purgeUser(namespace, userId);
    }

    @Override
    public CompletionStage<Optional<Instant>> purgedAt(SessionRef ref) {
        return purges.purgedAt(ref);
    }

    @Override
    public CompletionStage<List<Purge>> pendingPurges(String namespace) {
        return purges.pending(namespace);
    }

    @Override
    public CompletionStage<Void> purgeApplied(Purge purge) {
        return purges.applied(purge);
    }

    /** The counters, summary, last {@code k} messages and, when asked, state in one round trip (see {@link SessionReads}). */
    @Override
    public CompletionStage<Window> readWindow(SessionRef ref, int k, boolean withState) {
        return reads.window(ref, k, withState);
    }

    /** Drops the session's data keys but not its journal, so it can be warmed again: the repair of corrupt data. */
    @Override
    public CompletionStage<Boolean> reset(SessionRef ref) {
        return purges.reset(ref);
    }

    @Override
    public Duration lease() {
        return journalDue.lease();
    }

    @Override
    public CompletionStage<List<SessionRef>> claimDue(String namespace, int limit) {
        return calls.call(() -> checkPage(namespace, limit), redis -> journalDue.claimDue(redis, namespace, limit));
    }

    @Override
    public CompletionStage<List<SessionBacklog>> sessionsBehind(String namespace, int limit) {
        return calls.call(() -> checkPage(namespace, limit), redis -> journal.sessionsBehind(redis, namespace, limit));
    }

    @Override
    public CompletionStage<Backlog> backlog(String namespace) {
        return calls.call(() -> SessionRef.checkNamespace(namespace), redis -> journal.backlog(redis, namespace));
    }

    @Override
    public CompletionStage<Void> renew(SessionRef ref, Duration lease) {
        return calls.call(redis -> journalDue.renew(redis, ref, lease));
    }

    @Override
    public CompletionStage<JournalPage> read(SessionRef ref, int limit, long maxBytes) {
        return calls.call(() -> Limits.requirePositive("limit", limit), redis -> journal.read(redis, ref, limit, maxBytes));
    }

    @Override
    public CompletionStage<List<Message>> latest(SessionRef ref, int k) {
        return calls.call(() -> Limits.requirePositive("k", k), redis -> journal.latest(redis, ref, k));
    }

    @Override
    public CompletionStage<Long> settle(SessionRef ref, Collection<UUID> ids) {
        return calls.call(redis -> journal.settle(redis, ref, ids));
    }

    @Override
    public CompletionStage<Void> poison(SessionRef ref, Collection<UUID> ids) {
        return ids.isEmpty() ? CompletableFuture.completedFuture(null) : calls.call(redis -> journal.poison(redis, ref, ids));
    }

    @Override
    public CompletionStage<Long> retryPoisoned(SessionRef ref) {
        return calls.call(redis -> journal.retry(redis, ref));
    }

    /** The buffer in this Redis, see {@link RedisAnalyticsBuffer}: every process that uses this Redis sees it. */
    @Override
    public AnalyticsBuffer analyticsBuffer(Duration retention) {
        return new RedisAnalyticsBuffer(keys, retention, calls);
    }

    /** Pings Redis and reads its eviction policy again; the detail says whether the journal is safe under it. */
    @Override
    public CompletionStage<Health> health() {
        long start = System.nanoTime();
        return calls.call(redis -> redis.ping().thenCombine(eviction.describe(redis), (pong, policy) -> pong + "; " + policy))
                .handle((detail, error) -> {
                    Duration latency = Duration.ofNanos(System.nanoTime() - start);
                    return error == null ? Health.up(NAME, latency, config.mode().name().toLowerCase(Locale.ROOT) + " " + detail)
                            : Health.down(NAME, latency, Stages.unwrap(error));
                });
    }

    /** Closes the connection and releases Lettuce's threads; waits at most a few seconds. */
    @Override
    public void close() {
        connection.close();
    }

    /** A page of a namespace's journals: the namespace and the page's size are checked before anything is sent. */
    private static void checkPage(String namespace, int limit) {
        SessionRef.checkNamespace(namespace);
        Limits.requirePositive("limit", limit);
    }
}
