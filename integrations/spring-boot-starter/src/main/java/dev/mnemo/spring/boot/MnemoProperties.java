package dev.mnemo.spring.boot;

import dev.mnemo.WriteMode;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Mnemo's settings under {@code mnemo.*}, typed so that IDEs complete them and Spring checks
 * them at startup: the keys of the Configuration table of Mnemo's README. Every value is
 * optional; an unset one ({@code null}) keeps Mnemo's own default, which each description
 * names. Durations take Spring's forms ({@code 500ms}, {@code 5s}, {@code 2h}, {@code 1d}, ISO-8601).
 *
 * <p>The auto-configuration passes these to Mnemo as {@code mnemo.*} keys. Any other
 * {@code mnemo.*} key of the Spring environment (a tier's per-tier resilience such as
 * {@code mnemo.redis.resilience.timeout}, {@code mnemo.redis.key-prefix}, ...) reaches Mnemo
 * too, unchecked by Spring: Mnemo checks it and reports every bad key at once.
 *
 * @param tiers           Tier names in routing order, such as 'redis,firestore,memory'. Default every available tier, by priority.
 * @param namespace       The namespace of every session; keys and paths include it. Default 'default'.
 * @param maxContentBytes The largest message (content and tool-call arguments, UTF-8) accepted. Default 262144 (256 KiB).
 * @param tokenModel      The model or encoding tokens are counted in. Default 'gpt-4o' (o200k_base).
 * @param writeMode       When an append is acknowledged: 'write-through' (the default: once the durable tier has the messages) or 'write-behind'.
 * @param journal         The bound on writes waiting for the durable tier.
 * @param flushInterval   How often replays, journal claims and re-warms run. Default 200ms.
 * @param durableDeadline How long a write-through append waits for the durable tier when the Redis journal holds it. Default 300ms.
 * @param closeTimeout    How long closing Mnemo sends what waits for the durable tier. Default 5s.
 * @param resilience      The circuit breaker, time limit and retry of every tier.
 * @param summary         When rolling summaries run (with a summarizer).
 * @param analytics       The analytics of mnemo-analytics.
 * @param memory          The in-memory tier.
 * @param redis           The Redis tier, on when 'mnemo.redis.uri' is set.
 * @param firestore       The Firestore tier, on when 'mnemo.firestore.project-id' or an emulator host is set.
 */
@ConfigurationProperties("mnemo")
public record MnemoProperties(List<String> tiers, String namespace, Integer maxContentBytes, String tokenModel,
                              WriteMode writeMode, Journal journal, Duration flushInterval, Duration durableDeadline,
                              Duration closeTimeout, Resilience resilience,
                              Summary summary, Analytics analytics, Memory memory, Redis redis, Firestore firestore) {

    /**
     * The replay journal ({@code mnemo.journal.*}).
     *
     * @param maxMessages Messages this process holds for the durable tier: without a Redis journal, past it appends fail instead of dropping. Default 10000.
     */
    public record Journal(Integer maxMessages) {
    }

    /**
     * Every tier's breaker, time limit and retry ({@code mnemo.resilience.*}); {@code mnemo.<tier>.resilience.*}
     * overrides them per tier.
     *
     * @param timeout              Time limit of one call to a tier. Default 3s.
     * @param setupTimeout         Time limit of the calls made before a tier first answers, for a new client's channel set-up. Default 10s.
     * @param slidingWindowSize    Calls the breaker looks back on. Default 10.
     * @param minimumCalls         Calls before the breaker may open. Default 5.
     * @param failureRateThreshold The failure percentage that opens the breaker. Default 50.
     * @param waitInOpen           How long an open breaker skips its tier. Default 2s.
     * @param halfOpenCalls        The probes that close the breaker again. Default 2.
     * @param retryAttempts        Attempts of idempotent calls. Default 2.
     * @param retryWait            The wait between attempts. Default 50ms.
     * @param timePerWrite         What a batch's time limit adds per write it holds. Default 10ms.
     * @param purgeTimeout         The time limit of a purge. Default 2m.
     */
    public record Resilience(Duration timeout, Duration setupTimeout, Integer slidingWindowSize, Integer minimumCalls,
                             Integer failureRateThreshold, Duration waitInOpen, Integer halfOpenCalls, Integer retryAttempts, Duration retryWait,
                             Duration timePerWrite, Duration purgeTimeout) {
    }

    /**
     * Rolling summaries ({@code mnemo.summary.*}).
     *
     * @param everyMessages A summary runs after this many new messages. Default 5.
     * @param everyTokens   A summary runs after this many new tokens. Default 2000.
     * @param keepRecent    The latest messages a summary leaves out. Default 10.
     */
    public record Summary(Integer everyMessages, Integer everyTokens, Integer keepRecent) {
    }

    /**
     * Session analytics ({@code mnemo.analytics.*}).
     *
     * @param sink            The analytics sink. Default the highest-priority available: 'firestore' when configured, else 'logging'.
     * @param idleTimeout     When a session without an end counts as expired. Default the shortest tier TTL, else 2h.
     * @param sweepInterval   How often expired sessions are looked for. Default 30s.
     * @param retryBackoff    The first wait before retrying a sink that is down. Default 1s.
     * @param maxRetryBackoff The longest wait between retries. Default 5m.
     * @param retention       How long a buffer waits for its sink. Default 7d.
     */
    public record Analytics(String sink, Duration idleTimeout, Duration sweepInterval, Duration retryBackoff,
                            Duration maxRetryBackoff, Duration retention) {
    }

    /**
     * The in-memory tier ({@code mnemo.memory.*}).
     *
     * @param maximumWeight     Estimated bytes held before least recently used sessions are evicted. Default 268435456 (256 MiB).
     * @param expireAfterAccess How long an idle session is kept. Default 24h.
     */
    public record Memory(Long maximumWeight, Duration expireAfterAccess) {
    }

    /**
     * The Redis tier ({@code mnemo.redis.*}).
     *
     * @param uri              The server: 'redis://', 'rediss://' or 'redis-sentinel://h1,h2#master', user and password in the URI. Unset: the tier is off.
     * @param mode             'standalone' (the default) or 'cluster', which takes comma-separated seed URIs.
     * @param windowSize       Messages kept per session. Default 50.
     * @param ttl              Idle expiry of a session, refreshed by writes. Default 2h.
     * @param commandTimeout   The limit of one command. Default 2s.
     * @param reconnectDelay   The wait before reconnecting. Default 200ms.
     * @param requestQueueSize Commands queued at most; commands are rejected while disconnected. Default 10000.
     * @param journalLimit     Messages one session's journal toward the durable tier holds before appends are refused. Default 10000.
     * @param journalLease     How long a journal belongs to the process that wrote or claimed it. Default 5s.
     */
    public record Redis(String uri, String mode, Integer windowSize, Duration ttl, Duration commandTimeout,
                        Duration reconnectDelay, Integer requestQueueSize, Integer journalLimit, Duration journalLease) {
    }

    /**
     * The Firestore tier ({@code mnemo.firestore.*}).
     *
     * @param projectId            The project. Unset with no emulator: the tier is off; with an emulator it defaults to 'demo-mnemo'.
     * @param emulatorHost         The 'host:port' of an emulator. Default the FIRESTORE_EMULATOR_HOST variable.
     * @param credentialsFile      A service-account key file. Default application default credentials.
     * @param database             The database. Default '(default)'.
     * @param root                 The document path below which Mnemo keeps its collections. Default none.
     * @param ttl                  Idle expiry, written as 'expireAt' for a TTL policy. Default none.
     * @param timeout              The limit of one call. Default 10s.
     * @param sessionWriteInterval The least time between writes of one session document: '1s' keeps a busy session under Firestore's ~1 write/s. Default 0.
     */
    public record Firestore(String projectId, String emulatorHost, String credentialsFile, String database, String root,
                            Duration ttl, Duration timeout, Duration sessionWriteInterval) {
    }
}
