package dev.mnemo.internal;

import dev.mnemo.spi.support.Stages;
import dev.mnemo.Message;
import dev.mnemo.spi.BatchWriter;
import dev.mnemo.spi.MemoryStore;
import dev.mnemo.spi.SessionRef;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A {@link BatchWriter} for a durable tier that offers none: each session's part is one
 * {@link MemoryStore#append}, all sent at once. Its limits are cautious ones any tier takes
 * ({@value #MAX_WRITES} writes, no byte bound: such a tier checks its own). The append says how many
 * messages were new, not which: when it reports fewer than it was given, the first ones count as
 * the new ones. Appends to an ENDED session are refused by such a tier; they stay queued.
 */
final class AppendBatches implements BatchWriter {

    /** The most writes one commit takes here: well under Firestore's 500 per commit. */
    static final int MAX_WRITES = 200;

    private final MemoryStore durable;

    AppendBatches(MemoryStore durable) {
        this.durable = durable;
    }

    @Override
    public long weigh(SessionRef ref, Message message) {
        return 1;
    }

    @Override
    public int maxWrites() {
        return MAX_WRITES;
    }

    @Override
    public long maxBytes() {
        return Long.MAX_VALUE;
    }

    @Override
    public CompletionStage<Map<SessionRef, Stored>> appendAll(Map<SessionRef, List<Message>> batches) {
        Map<SessionRef, CompletableFuture<Stored>> parts = new HashMap<>();
        batches.forEach((ref, messages) -> parts.put(ref, Stages.call(() -> durable.append(ref, messages))
                .thenApply(outcome -> {
                    Set<UUID> created = new HashSet<>();
                    messages.stream().limit(outcome.appended()).forEach(message -> created.add(message.id()));
                    return new Stored(created, outcome.messageCount(), outcome.tokenCount());
                }).toCompletableFuture()));
        return CompletableFuture.allOf(parts.values().toArray(CompletableFuture[]::new)).handle((all, error) -> {
            Map<SessionRef, Stored> stored = new HashMap<>();
            Throwable failure = null;
            for (Map.Entry<SessionRef, CompletableFuture<Stored>> part : parts.entrySet()) {
                try {
                    stored.put(part.getKey(), part.getValue().join());
                } catch (RuntimeException e) {
                    if (!Outages.isMissing(e)) {
                        failure = Stages.unwrap(e);
                    }
                }
            }
            if (failure != null) {
                throw new java.util.concurrent.CompletionException(failure);
            }
            return stored;
        });
    }
}
