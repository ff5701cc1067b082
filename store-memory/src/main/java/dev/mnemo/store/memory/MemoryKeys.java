package dev.mnemo.store.memory;

import dev.mnemo.spi.ConfigKey;
import dev.mnemo.spi.ConfigKeys;
import java.util.List;

/** The keys {@code mnemo-store-memory} reads: the Caffeine tier's, {@link MemoryStoreConfig#KEYS}. */
public final class MemoryKeys implements ConfigKeys {

    @Override
    public String module() {
        return "mnemo-store-memory";
    }

    @Override
    public List<ConfigKey<?>> keys() {
        return MemoryStoreConfig.KEYS;
    }
}
