package dev.mnemo.spi;

/**
 * Makes one kind of tier. Implementations have a public no-argument constructor and are
 * registered in {@code META-INF/services/dev.mnemo.spi.StoreProvider}, where
 * {@link java.util.ServiceLoader} finds them.
 */
public interface StoreProvider {

    /** @return the tier's name, used in {@code mnemo.tiers}, logs and results: lower-case, such as {@code redis} */
    String name();

    /** @return the order among available providers when none is named explicitly: higher first */
    int priority();

    /**
     * @param config the configuration
     * @return whether this tier can be created with {@code config} (for example, a server URI is set)
     */
    boolean isAvailable(StoreConfig config);

    /**
     * @param config the configuration; the provider validates its own keys first
     * @return the new store
     * @throws dev.mnemo.InvalidInputException listing every bad key
     */
    MemoryStore create(StoreConfig config);
}
