package dev.mnemo.analytics.internal;

import dev.mnemo.analytics.AnalyticsConfig;
import dev.mnemo.spi.ConfigKey;
import dev.mnemo.spi.ConfigKeys;
import java.util.List;

/** The keys {@code mnemo-analytics} reads: {@link AnalyticsConfig#KEYS}. */
public final class AnalyticsKeys implements ConfigKeys {

    @Override
    public String module() {
        return "mnemo-analytics";
    }

    @Override
    public List<ConfigKey<?>> keys() {
        return AnalyticsConfig.KEYS;
    }
}
