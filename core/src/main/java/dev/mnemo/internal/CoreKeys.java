package dev.mnemo.internal;

import dev.mnemo.MnemoConfig;
import dev.mnemo.ResilienceConfig;
import dev.mnemo.spi.ConfigKey;
import dev.mnemo.spi.ConfigKeys;
import dev.mnemo.summary.SummaryConfig;
import java.util.List;
import java.util.stream.Stream;

/** The keys {@code mnemo-core} reads: Mnemo's settings, the breakers' and the rolling summaries'. */
public final class CoreKeys implements ConfigKeys {

    @Override
    public String module() {
        return "mnemo-core";
    }

    @Override
    public List<ConfigKey<?>> keys() {
        return Stream.of(MnemoConfig.KEYS, ResilienceConfig.KEYS, SummaryConfig.KEYS).flatMap(List::stream).toList();
    }
}
