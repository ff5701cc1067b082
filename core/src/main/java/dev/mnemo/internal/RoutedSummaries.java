package dev.mnemo.internal;

import dev.mnemo.Message;
import dev.mnemo.Served;
import dev.mnemo.Summary;
import dev.mnemo.spi.SessionRef;
import dev.mnemo.spi.support.Stages;
import dev.mnemo.summary.internal.SummaryAccess;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * What the rolling summaries read and write, through a Mnemo's routing: the reads as the facade
 * makes them, under its deadline, and the compare-and-set straight through the router.
 */
final class RoutedSummaries implements SummaryAccess {

    private final SessionReads reads;
    private final Router router;

    /**
     * @param reads  the facade's reads
     * @param router where the compare-and-set goes
     */
    RoutedSummaries(SessionReads reads, Router router) {
        this.reads = reads;
        this.router = router;
    }

    @Override
    public CompletionStage<Optional<Summary>> summary(SessionRef ref) {
        return reads.summary(ref.id()).thenApply(Served::value);
    }

    @Override
    public CompletionStage<List<Message>> lastMessages(SessionRef ref, int k) {
        return reads.history(ref.id(), k).thenApply(Served::value);
    }

    @Override
    public CompletionStage<List<Message>> messagesAfter(SessionRef ref, UUID afterId, int limit) {
        return reads.messagesAfter(ref.id(), afterId, limit).thenApply(Served::value);
    }

    @Override
    public CompletionStage<Boolean> compareAndSetSummary(SessionRef ref, long expectedVersion, Summary summary) {
        return Stages.call(() -> router.compareAndSetSummary(ref, expectedVersion, summary).thenApply(Served::value));
    }
}
