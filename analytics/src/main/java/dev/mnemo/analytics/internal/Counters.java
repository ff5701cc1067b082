package dev.mnemo.analytics.internal;

import dev.mnemo.analytics.AnalyticsStats;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** What the analytics have done, counted as it happens; {@link #snapshot()} reads it. */
public final class Counters {

    final LongAdder answersBuffered = new LongAdder();
    final LongAdder bufferFailures = new LongAdder();
    final LongAdder batchesWritten = new LongAdder();
    final LongAdder batchesAlreadyWritten = new LongAdder();
    final LongAdder batchesDiscarded = new LongAdder();
    final LongAdder flushFailures = new LongAdder();
    final LongAdder sessionsExpired = new LongAdder();
    final LongAdder purgeFailures = new LongAdder();
    final AtomicInteger retriesPending = new AtomicInteger();

    /** Counts one answer the buffer took. */
    public void answerBuffered() {
        answersBuffered.increment();
    }

    /** Counts one buffer write that failed: its data is lost. */
    public void bufferFailed() {
        bufferFailures.increment();
    }

    /** Counts one purge of a sink or buffer that failed. */
    public void purgeFailed() {
        purgeFailures.increment();
    }

    /** @return the counts now */
    public AnalyticsStats snapshot() {
        return new AnalyticsStats(answersBuffered.sum(), bufferFailures.sum(), batchesWritten.sum(),
                batchesAlreadyWritten.sum(), batchesDiscarded.sum(), flushFailures.sum(), sessionsExpired.sum(),
                purgeFailures.sum(), retriesPending.get());
    }
}
