package dev.mnemo.analytics.internal;

import dev.mnemo.InvalidInputException;
import dev.mnemo.spi.support.Providers;
import dev.mnemo.spi.AnalyticsSink;
import dev.mnemo.spi.AnalyticsSinkProvider;
import dev.mnemo.spi.StoreConfig;
import java.util.Comparator;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the sink with {@link ServiceLoader}: the one {@code mnemo.analytics.sink} names, else the
 * available one of highest priority. A provider that fails to load, or whose availability check
 * throws, is logged with its name and skipped.
 */
public final class SinkDiscovery {

    private static final Logger LOG = LoggerFactory.getLogger(SinkDiscovery.class);

    private SinkDiscovery() {
    }

    /**
     * @param name   the sink named in the configuration, or empty for the available one of highest priority
     * @param config handed to the provider
     * @param loader where to look for providers
     * @return the sink
     * @throws InvalidInputException when the named sink is unknown, or none is available
     */
    public static AnalyticsSink discover(String name, StoreConfig config, ClassLoader loader) {
        Map<String, AnalyticsSinkProvider> found = Providers.load(AnalyticsSinkProvider.class, AnalyticsSinkProvider::name, loader);
        AnalyticsSinkProvider chosen;
        if (!name.isEmpty()) {
            chosen = found.get(name);
            if (chosen == null) {
                throw new InvalidInputException("Unknown analytics sink '" + name + "' in mnemo.analytics.sink; found: "
                        + found.keySet());
            }
        } else {
            chosen = found.values().stream()
                    .filter(provider -> Providers.isAvailable(provider, provider.name(), p -> p.isAvailable(config)))
                    .max(Comparator.comparingInt(AnalyticsSinkProvider::priority))
                    .orElseThrow(() -> new InvalidInputException("No analytics sink available: looked for providers of "
                            + AnalyticsSinkProvider.class.getName() + " and found " + found.keySet()
                            + "; give one to SessionAnalytics.builder().sink(...)"));
        }
        LOG.info("Mnemo analytics sink: {} (found {})", chosen.name(), found.keySet());
        return chosen.create(config);
    }
}
