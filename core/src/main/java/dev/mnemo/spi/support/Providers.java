package dev.mnemo.spi.support;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Safe {@link ServiceLoader} discovery shared by every plugin kind (store tiers, analytics sinks):
 * each provider is instantiated inside a try, so one that fails to load is logged with its name
 * and skipped instead of failing the application.
 */
public final class Providers {

    private static final Logger LOG = LoggerFactory.getLogger(Providers.class);

    private Providers() {
    }

    /**
     * @param type   the provider interface
     * @param name   how a provider names itself
     * @param loader where to look
     * @return the providers that loaded, by name, the first of each name kept, in discovery order
     */
    public static <P> Map<String, P> load(Class<P> type, Function<P, String> name, ClassLoader loader) {
        Map<String, P> found = new LinkedHashMap<>();
        Iterator<P> providers = ServiceLoader.load(type, loader).iterator();
        while (true) {
            try {
                if (!providers.hasNext()) {
                    return found;
                }
                P provider = providers.next();
                found.putIfAbsent(name.apply(provider), provider);
            } catch (ServiceConfigurationError e) {
                LOG.warn("Skipping a {} that failed to load: {}", type.getSimpleName(), e.getMessage(), e);
            }
        }
    }

    /**
     * @return what {@code check} says of {@code provider}, or {@code false}, logged, when it throws
     */
    public static <P> boolean isAvailable(P provider, String name, Predicate<P> check) {
        try {
            return check.test(provider);
        } catch (RuntimeException e) {
            LOG.warn("'{}' is skipped: its availability check failed", name, e);
            return false;
        }
    }
}
