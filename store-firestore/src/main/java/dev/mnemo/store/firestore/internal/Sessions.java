package dev.mnemo.store.firestore.internal;

import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.FieldPath;
import com.google.cloud.firestore.Query;
import com.google.cloud.firestore.QueryDocumentSnapshot;
import com.google.cloud.firestore.QuerySnapshot;
import dev.mnemo.ConflictException;
import dev.mnemo.Session;
import dev.mnemo.SessionEnd;
import dev.mnemo.SessionStatus;
import dev.mnemo.Summary;
import dev.mnemo.spi.SessionRef;
import io.grpc.Status;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Session documents: create, read, touch, end, the summary, listing by user, and purges. Changes
 * that depend on what is stored (end, summary compare-and-set) run in transactions; a purge
 * deletes the document and everything below it in bounded steps ({@link Purge}).
 */
public final class Sessions {

    private final Docs docs;
    private final Purge purge;

    /**
     * @param docs  the shared reads, layout and clock
     * @param calls bounds each step of a purge
     */
    public Sessions(Docs docs, Calls calls) {
        this.docs = docs;
        this.purge = new Purge(docs, calls);
    }

    /**
     * Creates the session unless a live one exists. An absent or expired session may have left
     * documents behind (a TTL policy deletes only the session document); they are purged first, so
     * a reused id never shows an old transcript. Checking costs two reads; a fresh id has nothing to
     * purge, so concurrent first creates of one id never delete each other's work.
     */
    public CompletableFuture<Session> create(Session session) {
        SessionRef ref = session.ref();
        DocumentReference doc = docs.layout().session(ref);
        Map<String, Object> fields = SessionCodec.fields(session, docs.expireAt(docs.now()));
        DocumentSize.requireFits("Session " + ref, DocumentSize.of(doc, fields));
        CompletableFuture<List<DocumentSnapshot>> current = docs.getAll(doc, docs.layout().state(ref));
        CompletableFuture<QuerySnapshot> anyMessage = docs.query(
                docs.layout().messages(ref).select(FieldPath.documentId()).limit(1));
        return current.thenCombine(anyMessage, (snapshots, messages) -> {
            DocumentSnapshot existing = snapshots.get(0);
            if (SessionCodec.live(existing, docs.now())) {
                Session found = SessionCodec.read(ref.namespace(), existing);
                return found.status() == SessionStatus.ENDED ? reopen(ref) : CompletableFuture.completedFuture(found);
            }
            boolean leftovers = existing.exists() || snapshots.get(1).exists() || !messages.isEmpty();
            CompletableFuture<Void> cleared = leftovers ? purge(doc) : CompletableFuture.completedFuture(null);
            return cleared.thenCompose(ignored -> Calls.of(doc.create(fields)))
                    .thenApply(written -> session)
                    .exceptionallyCompose(error -> Calls.code(error) == Status.Code.ALREADY_EXISTS
                            ? createdMeanwhile(ref) : CompletableFuture.failedFuture(error));
        }).thenCompose(created -> created);
    }

    /** @return the session, or empty when it is absent or expired */
    public CompletableFuture<Optional<Session>> get(SessionRef ref) {
        return docs.get(docs.layout().session(ref)).thenApply(snapshot -> SessionCodec.live(snapshot, docs.now())
                ? Optional.of(SessionCodec.read(ref.namespace(), snapshot)) : Optional.empty());
    }

    /** Moves the session's last activity and expiry to now. */
    public CompletableFuture<Void> touch(SessionRef ref) {
        return docs.transaction(List.of(docs.layout().session(ref)), (transaction, snapshots) -> {
            docs.requireLive(ref, snapshots.get(0));
            transaction.update(snapshots.get(0).getReference(), docs.activity(Map.of()));
            return null;
        });
    }

    /** @return {@code true} when this call ended the session, {@code false} when it had ended already */
    public CompletableFuture<Boolean> end(SessionRef ref, SessionEnd end) {
        return docs.transaction(List.of(docs.layout().session(ref)), (transaction, snapshots) -> {
            Session session = SessionCodec.read(ref.namespace(), docs.requireLive(ref, snapshots.get(0)));
            if (session.status() == SessionStatus.ENDED) {
                return false;
            }
            Map<String, Object> fields = new HashMap<>(SessionCodec.endFields(end));
            fields.put(SessionCodec.STATUS, SessionStatus.ENDED.name());
            transaction.update(snapshots.get(0).getReference(), docs.activity(fields));
            return true;
        });
    }

    /** Reopens an ENDED session (ACTIVE again, its transcript and end record kept); @return the session now */
    private CompletableFuture<Session> reopen(SessionRef ref) {
        return docs.transaction(List.of(docs.layout().session(ref)), (transaction, snapshots) -> {
            Session session = SessionCodec.read(ref.namespace(), docs.requireLive(ref, snapshots.get(0)));
            if (session.status() == SessionStatus.ACTIVE) {
                return session;
            }
            transaction.update(snapshots.get(0).getReference(),
                    docs.activity(Map.of(SessionCodec.STATUS, SessionStatus.ACTIVE.name())));
            return session.reopened(docs.now());
        });
    }

    /** Changes the session's metadata by key, a {@code null} value removing its key, in a transaction. */
    public CompletableFuture<Void> updateMetadata(SessionRef ref, Map<String, ? extends @Nullable Object> changes) {
        return docs.transaction(List.of(docs.layout().session(ref)), (transaction, snapshots) -> {
            DocumentSnapshot stored = docs.requireLive(ref, snapshots.get(0));
            Session changed = SessionCodec.read(ref.namespace(), stored).withMetadata(changes, docs.now());
            Map<String, Object> fields = new HashMap<>();
            fields.put(SessionCodec.METADATA, SessionCodec.metadataField(changed.metadata()));
            transaction.update(stored.getReference(), docs.activity(fields));
            return null;
        });
    }

    /** @return the session's summary; fails with {@link dev.mnemo.SessionNotFoundException} when it is absent */
    public CompletableFuture<Optional<Summary>> summary(SessionRef ref) {
        return docs.liveSession(ref).thenApply(SessionCodec::summary);
    }

    /** @return whether {@code summary} replaced the stored version {@code expectedVersion} (0 = none) */
    public CompletableFuture<Boolean> compareAndSetSummary(SessionRef ref, long expectedVersion, Summary summary) {
        return docs.transaction(List.of(docs.layout().session(ref)), (transaction, snapshots) -> {
            DocumentSnapshot stored = docs.requireLive(ref, snapshots.get(0));
            if (SessionCodec.summaryVersion(stored) != expectedVersion) {
                return false;
            }
            Map<String, Object> replaced = new HashMap<>(stored.getData());
            replaced.put(SessionCodec.SUMMARY, SessionCodec.summaryFields(summary));
            DocumentSize.requireFits("Summary of session " + ref, DocumentSize.of(stored.getReference(), replaced));
            transaction.update(stored.getReference(), SessionCodec.SUMMARY, replaced.get(SessionCodec.SUMMARY));
            return true;
        });
    }

    /** @return the user's live sessions, most recently active first; needs the index on (userId, updatedAt desc) */
    public CompletableFuture<List<Session>> list(String namespace, String userId, int limit) {
        Query recent = docs.layout().sessions(namespace).whereEqualTo(SessionCodec.USER_ID, userId)
                .orderBy(SessionCodec.UPDATED_AT, Query.Direction.DESCENDING).limit(limit);
        // An expired session was idle longer than any live one, so it sorts after them all: filtering
        // the expired out of the first `limit` loses no live session.
        return docs.query(recent).thenApply(snapshot -> {
            Instant now = docs.now();
            List<Session> sessions = new ArrayList<>();
            for (QueryDocumentSnapshot document : snapshot.getDocuments()) {
                if (SessionCodec.live(document, now)) {
                    sessions.add(SessionCodec.read(namespace, document));
                }
            }
            return sessions;
        });
    }

    /** @return {@code true} when the session was live; its documents are purged either way */
    public CompletableFuture<Boolean> delete(SessionRef ref) {
        DocumentReference doc = docs.layout().session(ref);
        return docs.get(doc).thenCompose(snapshot -> snapshot.exists()
                ? purge(doc).thenApply(ignored -> SessionCodec.live(snapshot, docs.now()))
                : CompletableFuture.completedFuture(false));
    }

    /** @return how many live sessions of the user were purged, with every expired one and the user's document */
    public CompletableFuture<Integer> deleteUser(String namespace, String userId) {
        Query owned = docs.layout().sessions(namespace).whereEqualTo(SessionCodec.USER_ID, userId);
        return docs.query(owned).thenCompose(snapshot -> {
            Instant now = docs.now();
            List<CompletableFuture<Void>> purges = new ArrayList<>();
            int live = 0;
            for (QueryDocumentSnapshot document : snapshot.getDocuments()) {
                live += SessionCodec.live(document, now) ? 1 : 0;
                purges.add(purge(document.getReference()));
            }
            purges.add(Calls.of(docs.layout().user(namespace, userId).delete()).thenApply(written -> null));
            int deleted = live;
            return CompletableFuture.allOf(purges.toArray(CompletableFuture[]::new)).thenApply(ignored -> deleted);
        });
    }

    private CompletableFuture<Session> createdMeanwhile(SessionRef ref) {
        return get(ref).thenApply(found -> found.orElseThrow(() -> new ConflictException(
                "Session " + ref + " was created and removed again while this call created it")));
    }

    private CompletableFuture<Void> purge(DocumentReference doc) {
        return purge.session(doc);
    }
}
