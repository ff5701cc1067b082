package dev.mnemo.spi;

/**
 * Makes one kind of {@link AnalyticsSink}. Implementations have a public no-argument constructor
 * and are registered in {@code META-INF/services/dev.mnemo.spi.AnalyticsSinkProvider}, where
 * {@link java.util.ServiceLoader} finds them: {@code mnemo.analytics.sink} names one, else the
 * available one of highest {@link #priority()} is used.
 */
public interface AnalyticsSinkProvider extends Provider<AnalyticsSink> {
}
