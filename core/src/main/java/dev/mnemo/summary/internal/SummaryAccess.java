package dev.mnemo.summary.internal;

import dev.mnemo.Message;
import dev.mnemo.Summary;
import dev.mnemo.spi.MemoryStore;
import dev.mnemo.spi.SessionRef;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * The reads and the one write a summary run makes; {@link dev.mnemo.Mnemo} answers them through
 * its tier routing, a test straight from one store.
 */
public interface SummaryAccess {

    /** @return the session's summary, if any */
    CompletionStage<Optional<Summary>> summary(SessionRef ref);

    /** @return the session's last {@code k} messages, oldest first */
    CompletionStage<List<Message>> lastMessages(SessionRef ref, int k);

    /** @return up to {@code limit} messages after {@code afterId} ({@code null}: from the first), oldest first */
    CompletionStage<List<Message>> messagesAfter(SessionRef ref, UUID afterId, int limit);

    /** @return whether {@code summary} replaced version {@code expectedVersion} */
    CompletionStage<Boolean> compareAndSetSummary(SessionRef ref, long expectedVersion, Summary summary);

    /** @return the calls answered by {@code store} alone */
    static SummaryAccess of(MemoryStore store) {
        return new SummaryAccess() {
            @Override
            public CompletionStage<Optional<Summary>> summary(SessionRef ref) {
                return store.getSummary(ref);
            }

            @Override
            public CompletionStage<List<Message>> lastMessages(SessionRef ref, int k) {
                return store.lastMessages(ref, k);
            }

            @Override
            public CompletionStage<List<Message>> messagesAfter(SessionRef ref, UUID afterId, int limit) {
                return store.messagesAfter(ref, afterId, limit);
            }

            @Override
            public CompletionStage<Boolean> compareAndSetSummary(SessionRef ref, long expectedVersion, Summary summary) {
                return store.compareAndSetSummary(ref, expectedVersion, summary);
            }
        };
    }
}
