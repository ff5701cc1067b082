package dev.mnemo.store.firestore;

import dev.mnemo.spi.MemoryStore;
import dev.mnemo.testkit.MemoryStoreContract;
import dev.mnemo.testkit.firestore.FirestoreEmulatorExtension;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Firestore tier keeps the store contract, against the real Firestore emulator. */
class FirestoreStoreContractTest extends MemoryStoreContract {

    /** One emulator for the JVM; each test works in its own namespace, so nothing needs clearing. */
    @RegisterExtension
    static final FirestoreEmulatorExtension EMULATOR = new FirestoreEmulatorExtension(
            FirestoreEmulatorExtension.DEFAULT_PROJECT_ID, false);

    @Override
    protected MemoryStore createStore() {
        return new FirestoreStore(config().build());
    }

    @Override
    protected Optional<MemoryStore> createStoreWithTtl(Duration ttl) {
        return Optional.of(new FirestoreStore(config().ttl(ttl).build()));
    }

    private static FirestoreStoreConfig.Builder config() {
        return FirestoreStoreConfig.builder().emulatorHost(EMULATOR.host()).projectId(EMULATOR.projectId());
    }
}
