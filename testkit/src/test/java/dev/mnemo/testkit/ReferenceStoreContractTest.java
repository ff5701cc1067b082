package dev.mnemo.testkit;

import dev.mnemo.reference.MapMemoryStore;
import dev.mnemo.spi.MemoryStore;

/** The contract proved first on the map-backed reference store, before any server is involved. */
class ReferenceStoreContractTest extends MemoryStoreContract {

    @Override
    protected MemoryStore createStore() {
        return MapMemoryStore.create();
    }
}
