package dev.mnemo.analytics;

import dev.mnemo.spi.AnalyticsSink;
import dev.mnemo.spi.AnalyticsSinkProvider;
import dev.mnemo.spi.StoreConfig;

/** Provides the {@link LoggingAnalyticsSink}, {@code logging}: always available, lowest priority. */
public final class LoggingAnalyticsSinkProvider implements AnalyticsSinkProvider {

    @Override
    public String name() {
        return LoggingAnalyticsSink.NAME;
    }

    @Override
    public AnalyticsSink create(StoreConfig config) {
        return new LoggingAnalyticsSink();
    }
}
