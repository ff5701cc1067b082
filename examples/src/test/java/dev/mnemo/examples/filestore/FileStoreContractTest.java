package dev.mnemo.examples.filestore;

import dev.mnemo.spi.MemoryStore;
import dev.mnemo.testkit.MemoryStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The file tier keeps the store contract: all a plugin's contract test needs to say is how to build it. */
class FileStoreContractTest extends MemoryStoreContract {

    @TempDir
    Path directory;

    @Override
    protected MemoryStore createStore() {
        return new FileStore(new FileStoreConfig(directory, FileStoreConfig.DEFAULT_FSYNC));
    }
}
