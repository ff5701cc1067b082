package dev.mnemo.store.firestore.internal;

import dev.mnemo.spi.ConfigKey;
import dev.mnemo.spi.ConfigKeys;
import dev.mnemo.store.firestore.FirestoreAnalyticsSinkProvider;
import dev.mnemo.store.firestore.FirestoreStoreConfig;
import java.util.List;
import java.util.stream.Stream;

/** The keys {@code mnemo-store-firestore} reads: the Firestore tier's and its analytics sink's. */
public final class FirestoreKeys implements ConfigKeys {

    @Override
    public String module() {
        return "mnemo-store-firestore";
    }

    @Override
    public List<ConfigKey<?>> keys() {
        return Stream.of(FirestoreStoreConfig.KEYS, FirestoreAnalyticsSinkProvider.KEYS).flatMap(List::stream).toList();
    }
}
