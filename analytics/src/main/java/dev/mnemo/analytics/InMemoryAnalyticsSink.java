package dev.mnemo.analytics;

import dev.mnemo.spi.AnalyticsBatch;
import dev.mnemo.spi.AnalyticsSink;
import dev.mnemo.spi.SessionRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Keeps batches and what they add up to in this process's memory, for tests and demos: the
 * batches by id, each user's stats with their recent sessions, and each knowledge-base entry's
 * usage. Idempotent by batch id, as every sink must be: a batch it has is not counted again. All
 * of it is gone with the process. Thread-safe.
 */
public final class InMemoryAnalyticsSink implements AnalyticsSink {

    /** The name of the sink. */
    public static final String NAME = "memory";
    /** The default number of recent sessions kept per user. */
    public static final int DEFAULT_RECENT_SESSIONS = 20;

    private final int recentSessions;
    private final Map<String, AnalyticsBatch> batches = new LinkedHashMap<>();
    private final Map<String, UserStats> users = new HashMap<>();
    private final Map<String, Long> entries = new HashMap<>();
    private long writes;

    /** Keeps {@value #DEFAULT_RECENT_SESSIONS} recent sessions per user. */
    public InMemoryAnalyticsSink() {
        this(DEFAULT_RECENT_SESSIONS);
    }

    /** @param recentSessions how many recent sessions to keep per user, at least 1 */
    public InMemoryAnalyticsSink(int recentSessions) {
        if (recentSessions < 1) {
            throw new IllegalArgumentException("recentSessions must be at least 1, was " + recentSessions);
        }
        this.recentSessions = recentSessions;
    }

    /**
     * A user's activity, as the batches of their sessions added it up.
     *
     * @param sessions       sessions written
     * @param answers        answers in them
     * @param messages       messages in them
     * @param tokensIn       prompt tokens of the answers
     * @param tokensOut      completion tokens of the answers
     * @param lastActive     the latest end of a session
     * @param recentSessions the latest sessions, the latest end first, bounded
     */
    public record UserStats(long sessions, long answers, long messages, long tokensIn, long tokensOut,
                            Instant lastActive, List<RecentSession> recentSessions) {

        /** Copies the list. */
        public UserStats {
            recentSessions = List.copyOf(recentSessions);
        }
    }

    /**
     * One of a user's recent sessions.
     *
     * @param sessionId the session's id
     * @param batchId   its batch's id
     * @param endedAt   when it ended
     * @param answers   how many answers it gave
     */
    public record RecentSession(String sessionId, String batchId, Instant endedAt, int answers) {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public synchronized CompletionStage<Boolean> write(AnalyticsBatch batch) {
        writes++;
        String namespace = batch.session().namespace();
        if (batches.putIfAbsent(key(namespace, batch.id()), batch) != null) {
            return CompletableFuture.completedFuture(false);
        }
        if (batch.userId() != null) {
            users.merge(key(namespace, batch.userId()), stats(batch), this::add);
        }
        batch.sourceUsage().forEach((entry, uses) -> entries.merge(key(namespace, entry), (long) uses, Long::sum));
        return CompletableFuture.completedFuture(true);
    }

    @Override
    public synchronized CompletionStage<Void> deleteSession(SessionRef ref) {
        batches.values().removeIf(batch -> batch.session().equals(ref));
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public synchronized CompletionStage<Void> deleteUser(String namespace, String userId) {
        batches.values().removeIf(batch -> batch.session().namespace().equals(namespace) && userId.equals(batch.userId()));
        users.remove(key(namespace, userId));
        return CompletableFuture.completedFuture(null);
    }

    /** @return every batch taken, in the order taken */
    public synchronized List<AnalyticsBatch> batches() {
        return List.copyOf(batches.values());
    }

    /** @return the batches of one session (more than one only when its id was reused after a purge or expiry) */
    public synchronized List<AnalyticsBatch> batches(SessionRef ref) {
        return batches.values().stream().filter(batch -> batch.session().equals(ref)).toList();
    }

    /** @return the user's stats, if a batch of theirs was taken */
    public synchronized Optional<UserStats> user(String namespace, String userId) {
        return Optional.ofNullable(users.get(key(namespace, userId)));
    }

    /** @return how many answers used the knowledge-base entry */
    public synchronized long entryUsage(String namespace, String entryId) {
        return entries.getOrDefault(key(namespace, entryId), 0L);
    }

    /** @return how many times {@link #write} was called, repeats included */
    public synchronized long writes() {
        return writes;
    }

    private static UserStats stats(AnalyticsBatch batch) {
        return new UserStats(1, batch.answerCount(), batch.messageCount(), batch.tokensIn(), batch.tokensOut(),
                batch.endedAt(), List.of(new RecentSession(batch.session().id().value(), batch.id(), batch.endedAt(),
                batch.answerCount())));
    }

    private UserStats add(UserStats old, UserStats batch) {
        Instant last = old.lastActive().isAfter(batch.lastActive()) ? old.lastActive() : batch.lastActive();
        List<RecentSession> recent = new ArrayList<>(old.recentSessions());
        recent.addAll(batch.recentSessions());
        recent.sort(Comparator.comparing(RecentSession::endedAt).reversed());
        return new UserStats(old.sessions() + 1, old.answers() + batch.answers(), old.messages() + batch.messages(),
                old.tokensIn() + batch.tokensIn(), old.tokensOut() + batch.tokensOut(), last,
                recent.subList(0, Math.min(recentSessions, recent.size())));
    }

    private static String key(String namespace, String id) {
        return namespace + "/" + id;
    }
}
