package dev.mnemo.testkit.firestore;

import dev.mnemo.spi.ConfigKey;
import dev.mnemo.spi.ConfigKeys;
import java.util.List;

/** The keys {@code mnemo-testkit} reads: where the Firestore emulator's jar is. */
public final class TestkitKeys implements ConfigKeys {

    @Override
    public String module() {
        return "mnemo-testkit";
    }

    @Override
    public List<ConfigKey<?>> keys() {
        return List.of(EmulatorJar.JAR);
    }
}
