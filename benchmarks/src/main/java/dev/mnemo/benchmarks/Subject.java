package dev.mnemo.benchmarks;

import dev.mnemo.Message;
import dev.mnemo.SessionId;
import dev.mnemo.Summary;
import dev.mnemo.spi.support.Stages;
import dev.mnemo.spi.MemoryStore;
import dev.mnemo.spi.SessionRef;
import dev.mnemo.store.firestore.FirestoreStore;
import dev.mnemo.store.redis.RedisStore;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One configuration under test: it opens and seeds sessions (untimed), appends one message and
 * reads the context of a session (timed), and counts answers that were degraded. Thread-safe:
 * the throughput run calls it from many threads, each on its own session.
 */
abstract class Subject implements AutoCloseable {

    /** How many latest messages a context read takes. */
    static final int CONTEXT_MESSAGES = 20;

    /** The most messages one Firestore commit of the tier takes (500 writes with the session document's). */
    private static final int FIRESTORE_BATCH = 499;
    private static final int REDIS_BATCH = 1_000;
    private static final int MEMORY_BATCH = 10_000;

    private final String name;
    private final AtomicLong degraded = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile String lastFailure;

    /** @param name the configuration's name in the tables */
    Subject(String name) {
        this.name = name;
    }

    /** @return the configuration's name */
    final String name() {
        return name;
    }

    /**
     * Opens a session and seeds it with {@code size} messages of {@code conversation} and, when
     * {@code size} is not 0, a rolling summary of its first message. Untimed.
     */
    abstract void open(SessionId id, int size, Conversation conversation);

    /** @return how many messages {@link #open} stores besides the {@code size} it seeds, such as a system prompt */
    int openingMessages() {
        return 0;
    }

    /** @return the message of a turn as this configuration's caller would hand it over; built untimed */
    Message message(Conversation conversation, long turn) {
        return conversation.uncounted(turn);
    }

    /** Appends one message. Timed. */
    abstract void append(SessionId id, Message message);

    /** Reads the session's context: its summary and latest messages. Timed. */
    abstract void context(SessionId id);

    /** @return whether each turn also reads {@link ChatPolicy#FULL} and {@link ChatPolicy#WINDOW} */
    boolean readsPolicies() {
        return false;
    }

    /**
     * Reads the session's context with {@link ChatPolicy#FULL} when {@code full}, else with
     * {@link ChatPolicy#WINDOW}. Timed; only called when {@link #readsPolicies()}.
     */
    void policyContext(SessionId id, boolean full) {
        throw new UnsupportedOperationException(name + " reads no chat policies");
    }

    /**
     * Appends the user's message and reads the context after it with {@link ChatPolicy#FULL}, in one
     * call. Timed; only called when {@link #readsPolicies()}.
     */
    void turn(SessionId id, Message question) {
        throw new UnsupportedOperationException(name + " takes no turns");
    }

    /**
     * @return how many documents the durable tier has read since it opened, when there is a durable
     *         tier; what some calls cost is the difference across them
     */
    OptionalLong durableReads() {
        return OptionalLong.empty();
    }

    /**
     * @return the messages the durable tier holds for the sessions in all, read concurrently, when
     *         there is a durable tier
     */
    OptionalLong durableCount(List<SessionId> ids) {
        return OptionalLong.empty();
    }

    /**
     * @return how many answers were degraded (a tier skipped) or short (nothing appended or read)
     *         since the last call; the count starts again, so each part of a run says its own
     */
    final long takeDegraded() {
        return degraded.getAndSet(0);
    }

    /** Counts a degraded or short answer. */
    final void noteDegraded() {
        degraded.incrementAndGet();
    }

    /** Counts a call of a timed turn that failed, and keeps what it failed with. */
    final void noteFailure(RuntimeException error) {
        failures.incrementAndGet();
        lastFailure = error.toString();
    }

    /**
     * @return how many calls of timed turns failed since the last call, and the last failure; empty
     *         when none did; the count starts again
     */
    final String takeFailures() {
        long failed = failures.getAndSet(0);
        return failed == 0 ? "" : failed + " turns failed, last with " + lastFailure;
    }

    @Override
    public abstract void close();

    /** Seeds one tier directly with batch appends of the size it takes best, then the summary. */
    static void seed(MemoryStore tier, SessionRef ref, List<Message> history, Summary summary) {
        int batch = tier instanceof FirestoreStore ? FIRESTORE_BATCH : tier instanceof RedisStore ? REDIS_BATCH : MEMORY_BATCH;
        for (int from = 0; from < history.size(); from += batch) {
            Stages.join(tier.append(ref, history.subList(from, Math.min(history.size(), from + batch))));
        }
        Stages.join(tier.compareAndSetSummary(ref, 0, summary));
    }
}
