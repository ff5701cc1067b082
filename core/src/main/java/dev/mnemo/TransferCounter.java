package dev.mnemo;

import java.util.function.Consumer;

/** Counts what a transfer moved and tells the caller as it goes. */
final class TransferCounter {
    private final Consumer<TransferStats> progress;
    long sessions;
    long messages;
    long states;
    long summaries;

    TransferCounter(Consumer<TransferStats> progress) {
        this.progress = progress;
    }

    void tell() {
        progress.accept(stats());
    }

    TransferStats done() {
        TransferStats stats = stats();
        progress.accept(stats);
        return stats;
    }

    private TransferStats stats() {
        return new TransferStats(sessions, messages, states, summaries);
    }
}
