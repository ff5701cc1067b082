package dev.mnemo.analytics;

import dev.mnemo.StoreUnavailableException;
import dev.mnemo.spi.AnalyticsBatch;
import dev.mnemo.spi.AnalyticsSink;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

/** A sink in front of another that can be taken down (every write fails) and brought back. */
final class SwitchableSink implements AnalyticsSink {

    private final AnalyticsSink target;
    private final AtomicInteger refused = new AtomicInteger();
    private volatile boolean down;

    SwitchableSink(AnalyticsSink target) {
        this.target = target;
    }

    void down() {
        down = true;
    }

    void up() {
        down = false;
    }

    int refused() {
        return refused.get();
    }

    @Override
    public String name() {
        return "switchable " + target.name();
    }

    @Override
    public CompletionStage<Boolean> write(AnalyticsBatch batch) {
        if (down) {
            refused.incrementAndGet();
            return CompletableFuture.failedFuture(new StoreUnavailableException(name(), "down for the test", null));
        }
        return target.write(batch);
    }

    @Override
    public void close() {
        target.close();
    }
}
