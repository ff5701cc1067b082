package dev.mnemo.internal;

import dev.mnemo.Message;
import dev.mnemo.Session;
import dev.mnemo.Summary;
import dev.mnemo.spi.MemoryStore;
import dev.mnemo.spi.SessionRef;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a tier that lost or missed a session back in line with the durable tier: copies the
 * session's latest messages (with those still queued for the durable tier), its summary and its
 * counters. Keeps the sessions whose writes the hot tier missed while it was out; their hot copy
 * is stale until the maintenance task re-warms them.
 */
final class Warmer {

    private static final Logger LOG = LoggerFactory.getLogger(Warmer.class);
    /** How many messages a warm copies into a tier that keeps whole transcripts. */
    private static final int FULL_TIER_WARM_WINDOW = 100;

    private final MemoryStore durable;
    private final DurableQueue queue;
    private final MemoryStore hot;
    private final RouterMetrics metrics;
    private final Set<SessionRef> missed = ConcurrentHashMap.newKeySet();

    Warmer(MemoryStore durable, DurableQueue queue, MemoryStore hot, RouterMetrics metrics) {
        this.durable = durable;
        this.queue = queue;
        this.hot = hot;
        this.metrics = metrics;
    }

    /** Notes that the hot tier missed a write of {@code ref}. */
    void missed(SessionRef ref) {
        missed.add(ref);
    }

    /** @return whether the hot copy of {@code ref} missed writes and awaits a re-warm */
    boolean isMissed(SessionRef ref) {
        return missed.contains(ref);
    }

    /** Forgets {@code ref}, which is being purged. */
    void forget(SessionRef ref) {
        missed.remove(ref);
    }

    /** Re-warms every session the hot tier missed; called once the hot tier takes calls again. */
    void rewarmMissed() {
        for (SessionRef ref : List.copyOf(missed)) {
            missed.remove(ref);
            warmHotLater(ref);
        }
    }

    /** Warms the hot tier in the background; a failure for an outage is retried, any other is logged. */
    void warmHotLater(SessionRef ref) {
        warm(hot, ref).whenComplete((ignored, error) -> {
            if (error == null) {
                return;
            }
            metrics.backgroundFailure("warm");
            if (Outages.isOutage(error)) {
                missed.add(ref);
            } else {
                LOG.warn("Could not warm session {} into the hot tier: {}", ref, Stages.unwrap(error).toString());
            }
        });
    }

    /**
     * Copies a session into {@code target}. The session is created with the durable counters less
     * what the copy appends, so the counts come out right.
     */
    CompletionStage<Void> warm(MemoryStore target, SessionRef ref) {
        int window = target.capabilities().windowSize() > 0 ? target.capabilities().windowSize() : FULL_TIER_WARM_WINDOW;
        // Queued messages are taken before the durable read: one that leaves the queue in between is in that read.
        List<Message> pending = queue.pendingMessages(ref);
        return durable.readWindow(ref, window).thenCompose(source -> {
            Set<UUID> durableIds = new HashSet<>();
            source.messages().forEach(message -> durableIds.add(message.id()));
            List<Message> messages = Windows.merge(source, pending, window).messages();
            List<Message> counted = messages.stream().filter(m -> durableIds.contains(m.id())).toList();
            long tokens = counted.stream().mapToLong(Message::tokens).sum();
            Session before = source.session();
            Session base = new Session(before.id(), before.namespace(), before.userId(), before.createdAt(),
                    before.updatedAt(), before.status(), before.metadata(),
                    Math.max(0, before.messageCount() - counted.size()), Math.max(0, before.tokenCount() - tokens));
            CompletionStage<?> copied = target.createSession(base);
            if (!messages.isEmpty()) {
                copied = copied.thenCompose(created -> target.append(ref, messages));
            }
            return copied.thenCompose(appended -> source.summary()
                    .map(summary -> copySummary(target, ref, summary))
                    .orElse(CompletableFuture.completedFuture(null)));
        });
    }

    /** Copies {@code summary} into {@code target} unless it holds that version or a later one; never fails. */
    static CompletionStage<Void> copySummary(MemoryStore target, SessionRef ref, Summary summary) {
        return Stages.call(() -> target.getSummary(ref)).thenCompose(current -> {
            long version = current.map(Summary::version).orElse(0L);
            return version >= summary.version() ? CompletableFuture.completedFuture(false)
                    : target.compareAndSetSummary(ref, version, summary);
        }).handle((swapped, error) -> {
            if (error != null) {
                LOG.debug("Summary of {} not copied to '{}': {}", ref, target.name(), error.toString());
            }
            return null;
        });
    }
}
