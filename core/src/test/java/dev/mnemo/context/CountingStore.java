package dev.mnemo.context;

import dev.mnemo.Message;
import dev.mnemo.State;
import dev.mnemo.reference.MapMemoryStore;
import dev.mnemo.spi.Capabilities;
import dev.mnemo.spi.SessionRef;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The reference store, counting the reads a context makes. */
final class CountingStore extends MapMemoryStore {

    final AtomicInteger windowReads = new AtomicInteger();
    final AtomicInteger messagesRead = new AtomicInteger();
    final AtomicInteger pageReads = new AtomicInteger();
    final AtomicInteger stateReads = new AtomicInteger();

    CountingStore() {
        super("counting", new Capabilities(false, false, 0, null), new ConcurrentHashMap<>(), new ConcurrentHashMap<>(),
                Clock.systemUTC());
    }

    void reset() {
        windowReads.set(0);
        messagesRead.set(0);
        pageReads.set(0);
        stateReads.set(0);
    }

    @Override
    public CompletionStage<List<Message>> lastMessages(SessionRef ref, int k) {
        windowReads.incrementAndGet();
        return super.lastMessages(ref, k).thenApply(messages -> {
            messagesRead.addAndGet(messages.size());
            return messages;
        });
    }

    @Override
    public CompletionStage<List<Message>> messagesAfter(SessionRef ref, UUID afterId, int limit) {
        pageReads.incrementAndGet();
        return super.messagesAfter(ref, afterId, limit);
    }

    @Override
    public CompletionStage<State> getState(SessionRef ref) {
        stateReads.incrementAndGet();
        return super.getState(ref);
    }
}
