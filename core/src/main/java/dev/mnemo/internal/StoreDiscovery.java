package dev.mnemo.internal;

import dev.mnemo.spi.support.Providers;
import dev.mnemo.InvalidInputException;
import dev.mnemo.spi.MemoryStore;
import dev.mnemo.spi.StoreConfig;
import dev.mnemo.spi.StoreProvider;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the tiers with {@link ServiceLoader}: the tiers named in {@code mnemo.tiers} when it is
 * set, in that order; otherwise every available provider, highest priority first. A provider
 * that fails to load is logged with its name and skipped.
 */
public final class StoreDiscovery {

    private static final Logger LOG = LoggerFactory.getLogger(StoreDiscovery.class);

    private StoreDiscovery() {
    }

    /**
     * @param tiers  the tier names configured, empty to use every available provider
     * @param config the configuration handed to each provider
     * @param loader where to look for providers
     * @return the created stores, in routing order
     * @throws InvalidInputException when a configured tier is unknown, or none is found
     */
    public static List<MemoryStore> discover(List<String> tiers, StoreConfig config, ClassLoader loader) {
        Map<String, StoreProvider> found = Providers.load(StoreProvider.class, StoreProvider::name, loader);
        List<StoreProvider> chosen = tiers.isEmpty() ? available(found, config) : named(tiers, found);
        if (chosen.isEmpty()) {
            throw new InvalidInputException("No Mnemo tier found: looked for providers of " + StoreProvider.class.getName()
                    + " on the class path and found " + (found.isEmpty() ? "none" : "none available of " + found.keySet())
                    + ". Add mnemo-store-memory for the embedded default, or set mnemo.tiers.");
        }
        LOG.info("Mnemo tiers: {} (found {})", chosen.stream().map(StoreProvider::name).toList(), found.keySet());
        List<MemoryStore> stores = new ArrayList<>();
        try {
            for (StoreProvider provider : chosen) {
                stores.add(provider.create(config));
            }
        } catch (RuntimeException e) {
            stores.forEach(MemoryStore::close);
            throw e;
        }
        return stores;
    }

    private static List<StoreProvider> available(Map<String, StoreProvider> found, StoreConfig config) {
        return found.values().stream()
                .filter(provider -> Providers.isAvailable(provider, provider.name(), p -> p.isAvailable(config)))
                .sorted(Comparator.comparingInt(StoreProvider::priority).reversed())
                .toList();
    }

    private static List<StoreProvider> named(List<String> tiers, Map<String, StoreProvider> found) {
        List<String> unknown = tiers.stream().filter(name -> !found.containsKey(name)).toList();
        if (!unknown.isEmpty()) {
            throw new InvalidInputException("Unknown Mnemo tier(s) " + unknown + " in mnemo.tiers; found providers: "
                    + found.keySet());
        }
        if (tiers.stream().distinct().count() != tiers.size()) {
            throw new InvalidInputException("mnemo.tiers names a tier twice: " + tiers);
        }
        return tiers.stream().map(found::get).toList();
    }
}
