package dev.mnemo.store.firestore.internal;

import com.google.api.core.ApiFuture;
import com.google.api.core.ApiFutures;
import com.google.cloud.Timestamp;
import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.Query;
import com.google.cloud.firestore.QuerySnapshot;
import com.google.cloud.firestore.Transaction;
import dev.mnemo.SessionNotFoundException;
import dev.mnemo.spi.SessionRef;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiFunction;

/**
 * What the store's parts share: the layout, the clock, the session lifetime, and every read,
 * counted by the documents it returns (the unit Firestore bills and what makes a read cheap or
 * not), so that tests and metrics can see what a call cost.
 */
public final class Docs {

    private final Layout layout;
    private final Clock clock;
    private final Duration ttl;
    private final LongAdder documentsRead = new LongAdder();

    /**
     * @param layout where documents live
     * @param clock  the clock of session timestamps and expiry
     * @param ttl    how long an idle session lives, {@link Duration#ZERO} for ever
     */
    public Docs(Layout layout, Clock clock, Duration ttl) {
        this.layout = layout;
        this.clock = clock;
        this.ttl = ttl;
    }

    /** @return where documents live */
    public Layout layout() {
        return layout;
    }

    /** @return the current time */
    public Instant now() {
        return clock.instant();
    }

    /** @return when a session written at {@code now} expires, or {@code null} when sessions do not */
    public Timestamp expireAt(Instant now) {
        return ttl.isZero() ? null : SessionCodec.timestamp(now.plus(ttl));
    }

    /** @return {@code changes} to a session document with its last activity and expiry moved to now */
    public Map<String, Object> activity(Map<String, Object> changes) {
        Instant now = now();
        Map<String, Object> update = new HashMap<>(changes);
        update.put(SessionCodec.UPDATED_AT, SessionCodec.timestamp(now));
        Timestamp expireAt = expireAt(now);
        if (expireAt != null) {
            update.put(SessionCodec.EXPIRE_AT, expireAt);
        }
        return update;
    }

    /** @return how many documents the store has received from Firestore since it opened */
    public long documentsRead() {
        return documentsRead.sum();
    }

    /** @return the document, counted as one read whether or not it exists */
    public CompletableFuture<DocumentSnapshot> get(DocumentReference ref) {
        return Calls.of(ref.get()).thenApply(snapshot -> {
            documentsRead.increment();
            return snapshot;
        });
    }

    /** @return the documents in the order of {@code refs}, each counted as a read */
    public CompletableFuture<List<DocumentSnapshot>> getAll(DocumentReference... refs) {
        return Calls.of(layout.db().getAll(refs)).thenApply(this::counted);
    }

    /** @return the query's documents, each counted as a read */
    public CompletableFuture<QuerySnapshot> query(Query query) {
        return Calls.of(query.get()).thenApply(snapshot -> {
            documentsRead.add(snapshot.size());
            return snapshot;
        });
    }

    /** @return the session's document when it exists and has not expired, else fails with {@link SessionNotFoundException} */
    public CompletableFuture<DocumentSnapshot> liveSession(SessionRef ref) {
        return get(layout.session(ref)).thenApply(snapshot -> requireLive(ref, snapshot));
    }

    /**
     * @return {@code snapshot}, the session's document, when it exists and has not expired
     * @throws SessionNotFoundException otherwise
     */
    public DocumentSnapshot requireLive(SessionRef ref, DocumentSnapshot snapshot) {
        if (!SessionCodec.live(snapshot, now())) {
            throw new SessionNotFoundException(ref.toString());
        }
        return snapshot;
    }

    /**
     * Runs a read-write transaction that first reads {@code refs}, then writes through
     * {@code body}; Firestore retries it on contention, running {@code body} again on fresh reads.
     *
     * @return what {@code body} returned for the attempt that committed
     */
    public <T> CompletableFuture<T> transaction(List<DocumentReference> refs,
                                                BiFunction<Transaction, List<DocumentSnapshot>, T> body) {
        DocumentReference[] reads = refs.toArray(DocumentReference[]::new);
        return Calls.of(layout.db().runAsyncTransaction(transaction -> {
            ApiFuture<List<DocumentSnapshot>> snapshots = transaction.getAll(reads);
            return ApiFutures.transform(snapshots, read -> body.apply(transaction, counted(read)), Runnable::run);
        }));
    }

    private List<DocumentSnapshot> counted(List<DocumentSnapshot> snapshots) {
        documentsRead.add(snapshots.size());
        return snapshots;
    }
}
