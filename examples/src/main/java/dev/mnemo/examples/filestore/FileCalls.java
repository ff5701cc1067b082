package dev.mnemo.examples.filestore;

import dev.mnemo.StoreUnavailableException;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Runs the {@link FileStore}'s calls as the {@link dev.mnemo.spi.MemoryStore} contract wants
 * them: every failure completes the stage (never thrown), and an I/O error is reported as the
 * tier being unavailable, which Mnemo's router counts against its circuit breaker.
 */
final class FileCalls {

    /** A call that may fail with an I/O error. */
    @FunctionalInterface
    interface FileCall<T> {
        /** @return the call's result */
        T run() throws IOException;
    }

    private final String tier;
    private final String where;
    // One writer at a time: a write reads a file, changes it and replaces it, and an end or a
    // compare-and-set must see the latest version. Reads take no lock: a file is replaced by a
    // rename, so they see the old file or the new one.
    private final Object writes = new Object();

    /**
     * @param tier  the tier's name, for errors
     * @param where the directory, for errors
     */
    FileCalls(String tier, String where) {
        this.tier = tier;
        this.where = where;
    }

    /** @return a stage completed with what {@code call} returned, or failed with what it threw */
    <T> CompletionStage<T> read(FileCall<T> call) {
        try {
            return CompletableFuture.completedFuture(call.run());
        } catch (IOException e) {
            return CompletableFuture.failedFuture(new StoreUnavailableException(tier, "I/O error under " + where + ": " + e, e));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** @return as {@link #read}, with {@code call} run by one thread at a time */
    <T> CompletionStage<T> write(FileCall<T> call) {
        return read(() -> {
            synchronized (writes) {
                return call.run();
            }
        });
    }
}
