package dev.mnemo.internal;

import dev.mnemo.spi.support.Stages;
import dev.mnemo.Message;
import dev.mnemo.Session;
import dev.mnemo.State;
import dev.mnemo.StateDelta;
import dev.mnemo.Summary;
import dev.mnemo.spi.DurableJournal;
import dev.mnemo.spi.MemoryStore;
import dev.mnemo.spi.SessionRef;
import dev.mnemo.spi.Window;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a tier that lost or missed a session back in line with the durable tier: copies the
 * session's latest messages (with those still waiting for the durable tier, here and in the hot
 * tier's journal), its summary, its state and its counters. Keeps the sessions whose writes the hot
 * tier missed while it was out; their hot copy is stale until the maintenance task has re-warmed
 * them: a session stays missed while its re-warm runs (so its reads still say degraded, the hot
 * tier being skipped for its outage), and a write missed during the re-warm keeps it missed after.
 */
final class Warmer {

    private static final Logger LOG = LoggerFactory.getLogger(Warmer.class);
    /** How many messages a warm copies into a tier that keeps whole transcripts. */
    private static final int FULL_TIER_WARM_WINDOW = 100;

    private final MemoryStore durable;
    private final DurableFlusher flusher;
    private final MemoryStore hot;
    private final DurableJournal journal;
    private final RouterMetrics metrics;
    /** The sessions whose writes the hot tier missed, each with a count of misses that a re-warm settles only if unchanged. */
    private final Map<SessionRef, Long> missed = new ConcurrentHashMap<>();
    private final Map<SessionRef, Integer> warming = new ConcurrentHashMap<>();

    /**
     * @param durable the durable tier, the source of every warm
     * @param flusher what holds messages not yet committed to it
     * @param hot     the hot tier, or {@code null}
     * @param journal the hot tier's journal, or {@code null}
     * @param metrics where failed warms are counted
     */
    Warmer(MemoryStore durable, DurableFlusher flusher, MemoryStore hot, DurableJournal journal,
           RouterMetrics metrics) {
        this.durable = durable;
        this.flusher = flusher;
        this.hot = hot;
        this.journal = journal;
        this.metrics = metrics;
    }

    /** Notes that the hot tier missed a write of {@code ref}. */
    void missed(SessionRef ref) {
        missed.merge(ref, 1L, Long::sum);
    }

    /** @return whether the hot copy of {@code ref} missed writes and awaits a re-warm */
    boolean isMissed(SessionRef ref) {
        return missed.containsKey(ref);
    }

    /**
     * @return whether the hot copy of {@code ref} is being rebuilt: between its creation and its
     *         messages' append a reader would find a session that looks complete and empty
     */
    boolean isWarming(SessionRef ref) {
        return warming.containsKey(ref);
    }

    /** Forgets {@code ref}, which is being purged. */
    void forget(SessionRef ref) {
        missed.remove(ref);
    }

    /** Re-warms every session the hot tier missed and no re-warm is copying yet; called once the hot tier takes calls again. */
    void rewarmMissed() {
        for (Map.Entry<SessionRef, Long> entry : List.copyOf(missed.entrySet())) {
            SessionRef ref = entry.getKey();
            if (isWarming(ref)) {
                continue;
            }
            warm(hot, ref).whenComplete((ignored, error) -> {
                if (error == null || !Outages.isOutage(error)) {
                    missed.remove(ref, entry.getValue()); // kept when a write was missed meanwhile
                }
                if (error != null) {
                    failed(ref, error);
                }
            });
        }
    }

    /** Warms the hot tier in the background; a failure for an outage is retried, any other is logged. */
    void warmHotLater(SessionRef ref) {
        warm(hot, ref).whenComplete((ignored, error) -> {
            if (error != null) {
                if (Outages.isOutage(error)) {
                    missed(ref);
                }
                failed(ref, error);
            }
        });
    }

    private void failed(SessionRef ref, Throwable error) {
        metrics.backgroundFailure("warm");
        if (!Outages.isOutage(error)) {
            LOG.warn("Could not warm session {} into the hot tier: {}", ref, Stages.unwrap(error).toString());
        }
    }

    /**
     * Copies a session into {@code target}. The session is created with the durable counters less
     * what the copy appends, so the counts come out right.
     */
    CompletionStage<Void> warm(MemoryStore target, SessionRef ref) {
        if (target != hot) {
            return copy(target, ref);
        }
        warming.merge(ref, 1, Integer::sum);
        return copy(target, ref).whenComplete((done, error) ->
                warming.computeIfPresent(ref, (key, count) -> count == 1 ? null : count - 1));
    }

    private CompletionStage<Void> copy(MemoryStore target, SessionRef ref) {
        int window = target.capabilities().windowSize() > 0 ? target.capabilities().windowSize() : FULL_TIER_WARM_WINDOW;
        // Waiting messages are taken before the durable read: one committed in between is in that read.
        CompletionStage<List<Message>> waiting = waiting(ref, window);
        return waiting.thenCompose(pending -> durable.readWindow(ref, window, true).thenCompose(source -> {
            Set<UUID> durableIds = new HashSet<>();
            source.messages().forEach(message -> durableIds.add(message.id()));
            List<Message> messages = merge(source, pending, window).messages();
            List<Message> counted = messages.stream().filter(m -> durableIds.contains(m.id())).toList();
            long tokens = counted.stream().mapToLong(Message::tokens).sum();
            Session before = source.session();
            Session base = new Session(before.id(), before.namespace(), before.userId(), before.createdAt(),
                    before.updatedAt(), before.status(), before.metadata(),
                    Math.max(0, before.messageCount() - counted.size()), Math.max(0, before.tokenCount() - tokens),
                    before.end());
            CompletionStage<?> copied = target.createSession(base);
            if (!messages.isEmpty()) {
                copied = copied.thenCompose(created -> target.append(ref, messages));
            }
            State state = source.state().orElse(State.EMPTY);
            if (!state.values().isEmpty()) {
                StateDelta.Builder delta = StateDelta.builder();
                state.values().forEach(delta::set);
                copied = copied.thenCompose(appended -> target.applyState(ref, delta.build()));
            }
            return copied.thenCompose(applied -> source.summary()
                    .map(summary -> copySummary(target, ref, summary))
                    .orElse(CompletableFuture.completedFuture(null)));
        }));
    }

    /** @return the messages not yet in the durable tier: held by this process and, when it answers, the hot journal's latest */
    private CompletionStage<List<Message>> waiting(SessionRef ref, int window) {
        List<Message> local = flusher.pendingMessages(ref);
        if (journal == null) {
            return CompletableFuture.completedFuture(local);
        }
        return Stages.call(() -> journal.latest(ref, window)).handle((journaled, error) -> {
            List<Message> all = new ArrayList<>(local);
            if (error == null) {
                all.addAll(journaled);
            }
            return all;
        });
    }

    /** @return {@code window} with {@code extra} messages merged in by id, the last {@code k} kept */
    static Window merge(Window window, List<Message> extra, int k) {
        if (extra.isEmpty()) {
            return window;
        }
        TreeMap<UUID, Message> byId = new TreeMap<>(Message::compareIds);
        window.messages().forEach(m -> byId.put(m.id(), m));
        extra.forEach(m -> byId.putIfAbsent(m.id(), m));
        List<Message> merged = List.copyOf(byId.values());
        return window.withMessages(merged.subList(Math.max(0, merged.size() - k), merged.size()));
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
