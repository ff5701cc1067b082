package dev.mnemo.examples.filestore;

import dev.mnemo.spi.MemoryStore;
import dev.mnemo.spi.StoreConfig;
import dev.mnemo.spi.StoreProvider;

/**
 * Makes the {@link FileStore}: tier {@code file}, registered for {@link java.util.ServiceLoader}
 * in {@code META-INF/services/dev.mnemo.spi.StoreProvider}. It is available only when
 * {@code mnemo.file.directory} is set, so having it on the class path changes nothing until it is
 * configured: the other examples keep running on the memory tier.
 */
public final class FileStoreProvider implements StoreProvider {

    /**
     * The priority of the file tier: above the memory tier's 0, so when the directory is set and
     * {@code mnemo.tiers} is not, the files are the durable tier and memory the fallback.
     */
    public static final int PRIORITY = 50;

    /** Used by {@link java.util.ServiceLoader}. */
    public FileStoreProvider() {
    }

    @Override
    public String name() {
        return FileStore.NAME;
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    /** @return whether {@code mnemo.file.directory} is set */
    @Override
    public boolean isAvailable(StoreConfig config) {
        return config.reader().isSet(FileStoreConfig.DIRECTORY);
    }

    /** @throws dev.mnemo.InvalidInputException listing every bad {@code mnemo.file.} key */
    @Override
    public MemoryStore create(StoreConfig config) {
        return new FileStore(FileStoreConfig.from(config));
    }
}
