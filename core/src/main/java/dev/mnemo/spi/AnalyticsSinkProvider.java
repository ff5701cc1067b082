package dev.mnemo.spi;

/**
 * Makes one kind of {@link AnalyticsSink}. Implementations have a public no-argument constructor
 * and are registered in {@code META-INF/services/dev.mnemo.spi.AnalyticsSinkProvider}, where
 * {@link java.util.ServiceLoader} finds them: {@code mnemo.analytics.sink} names one, else the
 * available one of highest priority is used.
 */
public interface AnalyticsSinkProvider {

    /** @return the sink's name, used in {@code mnemo.analytics.sink}: lower-case, such as {@code firestore} */
    String name();

    /** @return the order among available providers when none is named: higher first */
    int priority();

    /**
     * @param config the configuration
     * @return whether the sink can be made from {@code config} without being named (for example, a project is set)
     */
    boolean isAvailable(StoreConfig config);

    /**
     * @param config the configuration; the provider validates its own keys first
     * @return the new sink
     * @throws dev.mnemo.InvalidInputException listing every bad key
     */
    AnalyticsSink create(StoreConfig config);
}
