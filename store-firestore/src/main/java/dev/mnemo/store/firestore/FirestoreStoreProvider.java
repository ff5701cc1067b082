package dev.mnemo.store.firestore;

import dev.mnemo.spi.ConfigReader;
import dev.mnemo.spi.MemoryStore;
import dev.mnemo.spi.StoreConfig;
import dev.mnemo.spi.StoreProvider;
import java.util.function.UnaryOperator;

/**
 * Provides the Firestore tier, {@code firestore}: available when a project id
 * ({@code mnemo.firestore.project-id}) or an emulator ({@code mnemo.firestore.emulator-host} or
 * {@code FIRESTORE_EMULATOR_HOST}) is configured.
 */
public final class FirestoreStoreProvider implements StoreProvider {

    /** The priority of the durable tier: above the memory tier (0), below the hot tier. */
    public static final int PRIORITY = 100;

    private final UnaryOperator<String> environment;

    /** The provider {@link java.util.ServiceLoader} makes: it reads the process's environment. */
    public FirestoreStoreProvider() {
        this(System::getenv);
    }

    FirestoreStoreProvider(UnaryOperator<String> environment) {
        this.environment = environment;
    }

    @Override
    public String name() {
        return FirestoreStore.NAME;
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public boolean isAvailable(StoreConfig config) {
        ConfigReader reader = config.reader();
        String emulator = environment.apply(FirestoreStoreConfig.EMULATOR_HOST_ENV);
        return reader.isSet(FirestoreStoreConfig.PROJECT_ID) || reader.isSet(FirestoreStoreConfig.EMULATOR_HOST)
                || (emulator != null && !emulator.isBlank());
    }

    @Override
    public MemoryStore create(StoreConfig config) {
        return new FirestoreStore(FirestoreStoreConfig.from(config, environment));
    }
}
