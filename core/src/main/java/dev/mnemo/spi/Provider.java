package dev.mnemo.spi;

/**
 * Makes one kind of plugin from the configuration, found with {@link java.util.ServiceLoader}:
 * what {@link StoreProvider} and {@link AnalyticsSinkProvider} share. Implementations have a public
 * no-argument constructor.
 *
 * @param <T> what it makes
 */
public interface Provider<T> {

    /** @return the plugin's name, used in configuration, logs and results: lower-case, such as {@code redis} */
    String name();

    /** @return the order among available providers when none is named: higher first; default 0, the lowest */
    default int priority() {
        return 0;
    }

    /**
     * @param config the configuration
     * @return whether the plugin can be made from {@code config} without being named (for example,
     *         a server URI is set); default {@code true}
     */
    default boolean isAvailable(StoreConfig config) {
        return true;
    }

    /**
     * @param config the configuration; the provider validates its own keys first
     * @return the new plugin
     * @throws dev.mnemo.InvalidInputException listing every bad key
     */
    T create(StoreConfig config);
}
