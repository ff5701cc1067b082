/**
 * The Firestore tier ({@code firestore}): Mnemo's durable tier and system of record, the full
 * transcript with one document per message, through the Firebase Admin SDK. Configured by keys
 * below {@code mnemo.firestore.}, see {@link dev.mnemo.store.firestore.FirestoreStoreConfig}; the
 * layout and what production needs (an index, a TTL policy) are on
 * {@link dev.mnemo.store.firestore.FirestoreStore}.
 */
@NullMarked
package dev.mnemo.store.firestore;

import org.jspecify.annotations.NullMarked;
