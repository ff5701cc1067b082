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

/** The router of a deployment with one tier: it serves every call, never degraded. */
final class SingleTierRouter implements Router {

    private final MemoryStore store;

    SingleTierRouter(MemoryStore store) {
        this.store = store;
    }

    @Override
    public <T> CompletionStage<Served<T>> read(Function<MemoryStore, CompletionStage<T>> read) {
        return serve(read);
    }

    @Override
    public <T> CompletionStage<Served<T>> write(Function<MemoryStore, CompletionStage<T>> write) {
        return serve(write);
    }

    @Override
    public CompletionStage<Served<AppendOutcome>> append(SessionRef ref, List<Message> messages) {
        return serve(tier -> tier.append(ref, messages));
    }

    @Override
    public CompletionStage<Served<Window>> readWindow(SessionRef ref, int k) {
        return serve(tier -> tier.readWindow(ref, k));
    }

    @Override
    public CompletionStage<List<Health>> health() {
        return store.health().thenApply(List::of);
    }

    @Override
    public void close() {
        store.close();
    }

    private <T> CompletionStage<Served<T>> serve(Function<MemoryStore, CompletionStage<T>> call) {
        return Stages.call(() -> call.apply(store)).thenApply(value -> new Served<>(value, store.name(), false));
    }
}
