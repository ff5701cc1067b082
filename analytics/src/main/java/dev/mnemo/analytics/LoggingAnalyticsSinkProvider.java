package dev.mnemo.analytics;

import dev.mnemo.spi.AnalyticsSink;
import dev.mnemo.spi.AnalyticsSinkProvider;
import dev.mnemo.spi.StoreConfig;

/** Provides the {@link LoggingAnalyticsSink}, {@code logging}: always available, lowest priority. */
public final class LoggingAnalyticsSinkProvider implements AnalyticsSinkProvider {

    /** The priority of the logging sink: below every other. */
    public static final int PRIORITY = 0;

    @Override
    public String name() {
        return LoggingAnalyticsSink.NAME;
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public boolean isAvailable(StoreConfig config) {
        return true;
    }

    @Override
    public AnalyticsSink create(StoreConfig config) {
        return new LoggingAnalyticsSink();
    }
}
