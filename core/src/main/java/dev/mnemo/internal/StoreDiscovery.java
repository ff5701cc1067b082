package dev.mnemo.internal;

import dev.mnemo.InvalidInputException;
import dev.mnemo.spi.MemoryStore;
import dev.mnemo.spi.StoreConfig;
import dev.mnemo.spi.StoreProvider;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
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
        Map<String, StoreProvider> found = load(loader);
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

    private static Map<String, StoreProvider> load(ClassLoader loader) {
        Map<String, StoreProvider> found = new LinkedHashMap<>();
        Iterator<StoreProvider> providers = ServiceLoader.load(StoreProvider.class, loader).iterator();
        while (true) {
            try {
                if (!providers.hasNext()) {
                    return found;
                }
                StoreProvider provider = providers.next();
                found.putIfAbsent(provider.name(), provider);
            } catch (ServiceConfigurationError e) {
                LOG.warn("Skipping a Mnemo store provider that failed to load: {}", e.getMessage(), e);
            }
        }
    }

    private static List<StoreProvider> available(Map<String, StoreProvider> found, StoreConfig config) {
        return found.values().stream()
                .filter(provider -> isAvailable(provider, config))
                .sorted(Comparator.comparingInt(StoreProvider::priority).reversed())
                .toList();
    }

    private static boolean isAvailable(StoreProvider provider, StoreConfig config) {
        try {
            return provider.isAvailable(config);
        } catch (RuntimeException e) {
            LOG.warn("Mnemo tier '{}' is skipped: its availability check failed", provider.name(), e);
            return false;
        }
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
