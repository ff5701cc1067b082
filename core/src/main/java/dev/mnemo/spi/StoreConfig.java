package dev.mnemo.spi;

import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * Configuration as a {@code get(String key)} view, so that a provider found by
 * {@link java.util.ServiceLoader} can be configured from properties, the environment or a map.
 * Keys are dotted and lower-case, such as {@code mnemo.redis.uri}. Typed reads with defaults,
 * which report every bad key at once, go through {@link #reader(String)}.
 */
@FunctionalInterface
public interface StoreConfig {

    /** Configuration with no keys set: every value is its default. */
    StoreConfig DEFAULTS = key -> null;

    /**
     * @param key the full dotted key
     * @return the raw value, or {@code null} when it is not set
     */
    @Nullable String get(String key);

    /** @return a view of {@code values}, which is copied */
    static StoreConfig of(Map<String, String> values) {
        Map<String, String> copy = Map.copyOf(values);
        return copy::get;
    }

    /** @return a view of {@code properties}, read live */
    static StoreConfig of(Properties properties) {
        return properties::getProperty;
    }

    /**
     * The process's configuration: a system property of the key's name, else the environment
     * variable of the key upper-cased with dots and dashes as underscores
     * ({@code mnemo.redis.uri} → {@code MNEMO_REDIS_URI}).
     *
     * @return the view
     */
    static StoreConfig environment() {
        return key -> {
            String property = System.getProperty(key);
            return property != null ? property
                    : System.getenv(key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
        };
    }

    /** @return a view that reads this configuration, then {@code fallback} for keys this one lacks */
    default StoreConfig orElse(StoreConfig fallback) {
        return key -> {
            String value = get(key);
            return value != null ? value : fallback.get(key);
        };
    }

    /**
     * @param prefix the keys' common prefix, such as {@code mnemo.redis}
     * @return a reader of typed values below {@code prefix}
     */
    default ConfigReader reader(String prefix) {
        return new ConfigReader(this, prefix);
    }
}
