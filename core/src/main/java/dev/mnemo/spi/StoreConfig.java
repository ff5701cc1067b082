package dev.mnemo.spi;

import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Configuration as a {@code get(String key)} view, so that a provider found by
 * {@link java.util.ServiceLoader} can be configured from properties, the environment or a map.
 * Keys are dotted and lower-case, such as {@code mnemo.redis.uri}, and declared once as
 * {@link ConfigKey}s; typed reads with defaults, which report every bad key at once, go through
 * {@link #reader()}. A view that can list its keys ({@link #keys()}) is also checked for keys no
 * module declares, so a typo fails at start instead of being ignored.
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

    /**
     * @return the keys set in this view, for the check of unknown keys: dotted names, or environment
     *         variable names ({@code MNEMO_REDIS_URI}); a view that cannot list its keys (the default)
     *         returns none and is not checked
     */
    default Set<String> keys() {
        return Set.of();
    }

    /** @return a view of {@code values}, which is copied */
    static StoreConfig of(Map<String, String> values) {
        Map<String, String> copy = Map.copyOf(values);
        return new StoreConfig() {
            @Override
            public @Nullable String get(String key) {
                return copy.get(key);
            }

            @Override
            public Set<String> keys() {
                return copy.keySet();
            }
        };
    }

    /** @return a view of {@code properties}, read live */
    static StoreConfig of(Properties properties) {
        return new StoreConfig() {
            @Override
            public @Nullable String get(String key) {
                return properties.getProperty(key);
            }

            @Override
            public Set<String> keys() {
                return properties.stringPropertyNames();
            }
        };
    }

    /**
     * The process's configuration: a system property of the key's name, else the environment
     * variable of the key upper-cased with dots and dashes as underscores
     * ({@code mnemo.redis.uri} → {@code MNEMO_REDIS_URI}).
     *
     * @return the view
     */
    static StoreConfig environment() {
        return new StoreConfig() {
            @Override
            public @Nullable String get(String key) {
                String property = System.getProperty(key);
                return property != null ? property
                        : System.getenv(key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
            }

            /** The system properties below {@code mnemo.} and the environment variables starting {@code MNEMO_}. */
            @Override
            public Set<String> keys() {
                Set<String> keys = System.getProperties().stringPropertyNames().stream()
                        .filter(name -> name.startsWith("mnemo.")).collect(Collectors.toCollection(HashSet::new));
                System.getenv().keySet().stream().filter(name -> name.startsWith("MNEMO_")).forEach(keys::add);
                return keys;
            }
        };
    }

    /** @return a view that reads this configuration, then {@code fallback} for keys this one lacks */
    default StoreConfig orElse(StoreConfig fallback) {
        StoreConfig first = this;
        return new StoreConfig() {
            @Override
            public @Nullable String get(String key) {
                String value = first.get(key);
                return value != null ? value : fallback.get(key);
            }

            @Override
            public Set<String> keys() {
                Set<String> keys = new HashSet<>(first.keys());
                keys.addAll(fallback.keys());
                return keys;
            }
        };
    }

    /** @return a reader of the typed values of declared {@link ConfigKey}s */
    default ConfigReader reader() {
        return new ConfigReader(this);
    }
}
