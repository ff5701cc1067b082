package dev.mnemo.internal;

import dev.mnemo.Served;
import dev.mnemo.spi.MemoryStore;
import dev.mnemo.spi.SessionRef;
import dev.mnemo.spi.support.Stages;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * Purges of a session or of a user's sessions. What this process holds for the durable tier of a
 * purged session goes first, so no flush, replay or warm brings it back; then every tier is purged:
 * through the hot tier's journal when it has one ({@link ChangeWrites#purge}, final at once while
 * the durable tier is out), else in each tier directly.
 */
final class Purges {

    private final Tiers tiers;
    private final ChangeWrites changeWrites;
    private final @Nullable DurableFlusher flusher;
    private final @Nullable SessionWrites sessionWrites;
    private final @Nullable Poisoned poisoned;
    private final @Nullable Warmer warmer;
    private final @Nullable JournaledChanges changes;

    /**
     * @param tiers         the tiers
     * @param changeWrites  the writes to every tier, and the journal's purge
     * @param flusher       the messages waiting for the durable tier, or {@code null} without one
     * @param sessionWrites the session writes waiting for it, or {@code null} without one
     * @param poisoned      the writes it refused, or {@code null} without one
     * @param warmer        what re-warms the hot tier from it, or {@code null} without one
     * @param changes       the journaled session writes, or {@code null} without a journal
     */
    Purges(Tiers tiers, ChangeWrites changeWrites, @Nullable DurableFlusher flusher,
           @Nullable SessionWrites sessionWrites, @Nullable Poisoned poisoned, @Nullable Warmer warmer,
           @Nullable JournaledChanges changes) {
        this.tiers = tiers;
        this.changeWrites = changeWrites;
        this.flusher = flusher;
        this.sessionWrites = sessionWrites;
        this.poisoned = poisoned;
        this.warmer = warmer;
        this.changes = changes;
    }

    /** @return whether the session existed, with the tier that answered */
    CompletionStage<Served<Boolean>> session(SessionRef ref) {
        forget(ref);
        if (changeWrites.journals()) {
            return changeWrites.purge(ref.namespace(), ref, null).thenApply(served -> served.with(served.value() > 0));
        }
        return changeWrites.writeEverywhere(ref, tier -> tier.deleteSession(ref));
    }

    /** @return how many of the user's sessions were purged, with the tier that answered */
    CompletionStage<Served<Integer>> user(String namespace, String userId) {
        MemoryStore record = tiers.recordOrder.get(0);
        // What this process holds of the user's sessions goes first; with a journal the hot tier knows them.
        MemoryStore lister = changeWrites.journals() ? tiers.hot : record;
        CompletionStage<?> dropped = flusher == null ? CompletableFuture.completedFuture(null)
                : Stages.call(() -> lister.listSessions(namespace, userId, Integer.MAX_VALUE)).thenAccept(sessions ->
                        sessions.forEach(session -> forget(session.ref())));
        if (changeWrites.journals()) {
            return dropped.exceptionally(error -> null).thenCompose(ignored -> changeWrites.purge(namespace, null, userId));
        }
        return dropped.thenCompose(ignored -> {
            List<CompletableFuture<Integer>> purges = tiers.recordOrder.stream()
                    .map(tier -> Stages.call(() -> tier.deleteUser(namespace, userId)).toCompletableFuture()).toList();
            return CompletableFuture.allOf(purges.toArray(CompletableFuture[]::new))
                    .thenApply(all -> new Served<>(purges.get(0).join(), record.name(), false));
        });
    }

    /** Drops what waits for the durable tier of a session being purged, so nothing brings it back. */
    private void forget(SessionRef ref) {
        if (flusher != null) {
            flusher.drop(ref);
            sessionWrites.drop(ref);
            poisoned.forget(ref);
            warmer.forget(ref);
            if (changes != null) {
                changes.forget(ref);
            }
        }
    }
}
