package dev.mnemo.internal;

import dev.mnemo.spi.support.Stages;
import dev.mnemo.Message;
import dev.mnemo.spi.DurableJournal;
import dev.mnemo.spi.SessionRef;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Messages the durable tier refused for a reason that is not an outage (it said no to that message
 * alone). Each is logged with its id and counted, and stays journaled, marked so that flushes skip
 * it until it is retried: by any process every {@link #RETRY_AFTER} (the journal lease is deferred
 * that long), so a fix of the tier or of its configuration lets it through. Without a hot journal
 * it is kept here, in this process, and retried as long as the process lives.
 */
final class Poisoned {

    /** How long a session whose only entries were refused waits before any process tries them again. */
    static final Duration RETRY_AFTER = Duration.ofMinutes(5);

    private static final Logger LOG = LoggerFactory.getLogger(Poisoned.class);

    private final String tier;
    private final DurableJournal journal;
    private final RouterMetrics metrics;
    private final Map<SessionRef, Map<UUID, Refused>> refused = new ConcurrentHashMap<>();

    /**
     * @param tier    the durable tier's name
     * @param journal the hot tier's journal, or {@code null}
     * @param metrics where the count goes
     */
    Poisoned(String tier, DurableJournal journal, RouterMetrics metrics) {
        this.tier = tier;
        this.journal = journal;
        this.metrics = metrics;
    }

    /** Keeps a refused message: logs it with its id, counts it, marks it in the journal. */
    void add(SessionRef ref, Message message, Throwable why, boolean journaled) {
        UUID id = message.id();
        refused.computeIfAbsent(ref, key -> new ConcurrentHashMap<>())
                .put(id, new Refused(message, journaled, System.nanoTime()));
        metrics.backgroundFailure("poisoned");
        LOG.error("The durable tier '{}' refused message {} of session {}: {}. It is kept {} and retried every {}; "
                + "health() counts it", tier, id, ref, why.toString(),
                journaled && journal != null ? "in the hot tier's journal" : "in this process", RETRY_AFTER);
        if (journaled && journal != null) {
            Stages.call(() -> journal.poison(ref, List.of(id)))
                    .thenCompose(marked -> journal.renew(ref, RETRY_AFTER))
                    .whenComplete((done, error) -> {
                        if (error != null) {
                            LOG.warn("Could not mark message {} of session {} as refused in the journal; it will be "
                                    + "flushed and refused again: {}", id, ref, Stages.unwrap(error).toString());
                        }
                    });
        }
    }

    /** Forgets the refused messages of a session whose entries are being retried or that was purged. */
    void forget(SessionRef ref) {
        refused.remove(ref);
    }

    /** @return how many refused messages this process knows of */
    int count() {
        return refused.values().stream().mapToInt(Map::size).sum();
    }

    /**
     * @return the refused messages held only here whose retry is due, taken out: the caller hands
     *         them to the flusher again (journaled ones due are forgotten here: they are retried
     *         through the journal, by whichever process claims their session)
     */
    Map<SessionRef, List<Message>> takeDue() {
        long due = System.nanoTime() - RETRY_AFTER.toNanos();
        Map<SessionRef, List<Message>> taken = new java.util.HashMap<>();
        refused.forEach((ref, messages) -> messages.values().removeIf(entry -> {
            if (entry.at - due > 0) {
                return false;
            }
            if (!entry.journaled || journal == null) {
                taken.computeIfAbsent(ref, key -> new java.util.ArrayList<>()).add(entry.message);
            }
            return true; // a journaled one is retried by whichever process claims its session now
        }));
        refused.values().removeIf(Map::isEmpty);
        return taken;
    }

    private record Refused(Message message, boolean journaled, long at) {
    }
}
