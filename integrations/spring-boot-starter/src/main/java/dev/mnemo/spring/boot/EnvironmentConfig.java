package dev.mnemo.spring.boot;

import dev.mnemo.spi.StoreConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;

/**
 * Spring's {@link Environment} as Mnemo's configuration: every key of Mnemo's modules is read from
 * it as written in {@code application.properties}, YAML, system properties or environment variables
 * ({@code MNEMO_REDIS_URI}), placeholders resolved. It lists the {@code mnemo.*} and
 * {@code MNEMO_*} names it holds, so that Mnemo refuses, at start-up, any key no module declares.
 * The keys take Mnemo's own names (kebab case); Spring's relaxed forms ({@code commandTimeout})
 * are refused with the name to use.
 */
final class EnvironmentConfig implements StoreConfig {

    /** The index of one element of a YAML list: {@code mnemo.tiers[0]}. */
    private static final Pattern INDEX = Pattern.compile("\\[\\d+]$");

    private final Environment environment;

    EnvironmentConfig(Environment environment) {
        this.environment = environment;
    }

    /** @return the value of {@code key}; a YAML list's elements joined with commas, as Mnemo's lists are written */
    @Override
    public @Nullable String get(String key) {
        String value = environment.getProperty(key);
        if (value != null) {
            return value;
        }
        List<String> elements = new ArrayList<>();
        for (int i = 0; (value = environment.getProperty(key + "[" + i + "]")) != null; i++) {
            elements.add(value);
        }
        return elements.isEmpty() ? null : String.join(",", elements);
    }

    /** @return the {@code mnemo.*} and {@code MNEMO_*} names of every enumerable property source, without list indexes */
    @Override
    public Set<String> keys() {
        Set<String> keys = new TreeSet<>();
        if (environment instanceof ConfigurableEnvironment configurable) {
            for (PropertySource<?> source : configurable.getPropertySources()) {
                if (source instanceof EnumerablePropertySource<?> enumerable) {
                    for (String name : enumerable.getPropertyNames()) {
                        if (name.startsWith("mnemo.") || name.startsWith("MNEMO_")) {
                            keys.add(INDEX.matcher(name).replaceFirst(""));
                        }
                    }
                }
            }
        }
        return keys;
    }
}
