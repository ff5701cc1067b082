package dev.mnemo.internal;

import dev.mnemo.Session;
import dev.mnemo.spi.DurableJournal;
import dev.mnemo.spi.MemoryStore;
import dev.mnemo.spi.SessionRef;
import dev.mnemo.spi.support.Stages;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a purge final for the tiers that cannot hear of it: another process's fallback (its own
 * memory) and a durable tier the purge has not reached yet still hold the session. When the hot
 * tier lacks a session, the read or write that would fall back to those copies first asks the hot
 * tier's tombstone: a session created before its last purge is gone, its stale local copy is
 * dropped, and nothing answers from it or warms it back. One round trip, on a hot miss only.
 */
final class Tombstones {

    private static final Logger LOG = LoggerFactory.getLogger(Tombstones.class);

    private final @Nullable DurableJournal journal;
    private final List<MemoryStore> copies;
    private final @Nullable MemoryStore fallback;

    Tombstones(Tiers tiers) {
        this.journal = tiers.journal;
        this.fallback = tiers.fallback;
        this.copies = Tiers.present(tiers.fallback, tiers.durable); // this process's copy first: it answers at once
    }

    /**
     * @return whether the session the hot tier lacks was purged: it has a tombstone and no tier holds
     *         a session of its id created since; never fails (a tombstone that cannot be read counts as none)
     */
    CompletionStage<Boolean> purged(SessionRef ref) {
        if (journal == null) {
            return CompletableFuture.completedFuture(false);
        }
        return Stages.call(() -> journal.purgedAt(ref)).handle((at, error) -> error == null ? at : Optional.<Instant>empty())
                .thenCompose(at -> at.isEmpty() ? CompletableFuture.completedFuture(false) : stale(ref, at.get(), 0));
    }

    /** @return whether the copy of the first tier that answers is older than the purge at {@code at}; drops a stale local copy */
    private CompletionStage<Boolean> stale(SessionRef ref, Instant at, int index) {
        if (index == copies.size()) {
            return CompletableFuture.completedFuture(true); // no copy answers: nothing may come back
        }
        MemoryStore tier = copies.get(index);
        return Stages.call(() -> tier.getSession(ref)).handle((found, error) -> {
            if (error != null || found.isEmpty()) {
                return stale(ref, at, index + 1);
            }
            boolean purged = found.get().createdAt().isBefore(at);
            if (purged) {
                dropLocal(ref, found.get());
            }
            return CompletableFuture.completedFuture(purged);
        }).thenCompose(next -> next);
    }

    private void dropLocal(SessionRef ref, Session stale) {
        if (fallback == null) {
            return;
        }
        Stages.call(() -> fallback.deleteSession(ref)).whenComplete((dropped, error) -> {
            if (error == null && dropped) {
                LOG.info("Removed this process's copy of session {} (created {}): it was purged", ref, stale.createdAt());
            }
        });
    }
}
