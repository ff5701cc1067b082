package dev.mnemo.store.firestore.internal;

import com.google.cloud.firestore.CollectionReference;
import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.FieldPath;
import com.google.cloud.firestore.QueryDocumentSnapshot;
import com.google.cloud.firestore.WriteBatch;
import java.util.concurrent.CompletableFuture;

/**
 * Deletes a session's documents in steps of bounded size, each under the store's time limit, so a
 * session of any length is purged without one call whose work grows with it (which a time limit
 * would take for an outage). The session document goes first: from then on every read finds the
 * session gone and no append can reach it; its messages and state follow, {@value #PAGE} per
 * commit. A purge cut short leaves documents below a missing session document, which no read sees
 * and which a later create of the same id purges first.
 */
final class Purge {

    /** Documents deleted per commit: Firestore's 500 writes. */
    static final int PAGE = 500;

    private final Docs docs;
    private final Calls calls;

    Purge(Docs docs, Calls calls) {
        this.docs = docs;
        this.calls = calls;
    }

    /** @return completes when the session document and everything below it are deleted */
    CompletableFuture<Void> session(DocumentReference session) {
        return calls.run(() -> Calls.of(session.delete()))
                .thenCompose(deleted -> collection(session.collection(Layout.MESSAGES)))
                .thenCompose(deleted -> collection(session.collection(Layout.STATE)));
    }

    private CompletableFuture<Void> collection(CollectionReference collection) {
        return calls.run(() -> docs.query(collection.select(FieldPath.documentId()).limit(PAGE))).thenCompose(page -> {
            if (page.isEmpty()) {
                return CompletableFuture.completedFuture(null);
            }
            WriteBatch batch = docs.layout().db().batch();
            for (QueryDocumentSnapshot document : page.getDocuments()) {
                batch.delete(document.getReference());
            }
            return calls.run(() -> Calls.of(batch.commit()))
                    .thenCompose(committed -> page.size() < PAGE ? CompletableFuture.completedFuture(null)
                            : collection(collection));
        });
    }
}
