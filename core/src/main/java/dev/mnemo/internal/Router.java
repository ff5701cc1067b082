package dev.mnemo.internal;

import dev.mnemo.Message;
import dev.mnemo.Served;
import dev.mnemo.spi.AppendOutcome;
import dev.mnemo.spi.Health;
import dev.mnemo.spi.MemoryStore;
import dev.mnemo.spi.SessionRef;
import dev.mnemo.spi.Window;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/** Sends each call of {@link dev.mnemo.Mnemo} to the tiers that should take it. */
public interface Router extends AutoCloseable {

    /** Runs a read on the tier that should answer it. */
    <T> CompletionStage<Served<T>> read(Function<MemoryStore, CompletionStage<T>> read);

    /** Runs a write on every tier that keeps what it writes; answers with the acknowledging tier's result. */
    <T> CompletionStage<Served<T>> write(Function<MemoryStore, CompletionStage<T>> write);

    /** Appends messages whose tokens are counted. */
    CompletionStage<Served<AppendOutcome>> append(SessionRef ref, List<Message> messages);

    /** Reads what a context needs, in one round trip where the tier allows. */
    CompletionStage<Served<Window>> readWindow(SessionRef ref, int k);

    /** @return the health of each tier */
    CompletionStage<List<Health>> health();

    /** Flushes what is pending and closes every tier. */
    @Override
    void close();

    /** @return a router over one tier, which serves everything */
    static Router single(MemoryStore store) {
        return new SingleTierRouter(store);
    }
}
