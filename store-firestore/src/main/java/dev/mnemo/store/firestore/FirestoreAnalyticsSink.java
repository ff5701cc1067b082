package dev.mnemo.store.firestore;

import com.google.api.core.ApiFuture;
import com.google.cloud.firestore.CollectionReference;
import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.FieldValue;
import com.google.cloud.firestore.Precondition;
import com.google.cloud.firestore.QueryDocumentSnapshot;
import com.google.cloud.firestore.QuerySnapshot;
import com.google.cloud.firestore.SetOptions;
import com.google.cloud.firestore.WriteBatch;
import com.google.firebase.FirebaseApp;
import com.google.firebase.cloud.FirestoreClient;
import dev.mnemo.InvalidInputException;
import dev.mnemo.spi.AnalyticsBatch;
import dev.mnemo.spi.AnalyticsSink;
import dev.mnemo.spi.SessionRef;
import dev.mnemo.store.firestore.internal.AnalyticsCodec;
import dev.mnemo.store.firestore.internal.Calls;
import dev.mnemo.store.firestore.internal.DocumentSize;
import dev.mnemo.store.firestore.internal.Layout;
import io.grpc.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The analytics sink in Firestore, {@code firestore}: each batch is one atomic commit, below the
 * same root and namespace as the tier (see {@link AnalyticsCodec} for the fields), that
 * <ul>
 *   <li>creates the session's record {@code analytics/{batchId}},</li>
 *   <li>merges into {@code users/{uid}} the user's counters ({@code FieldValue.increment}), last
 *       activity and recent sessions (the latest {@link #recentSessions()}),</li>
 *   <li>increments {@code kbEntries/{entry}.uses} of each knowledge-base entry the answers cited.</li>
 * </ul>
 * Exactly once: the commit creates the record with a precondition that it does not exist, and
 * Firestore commits the record with the increments or none of them. So a retry after an unknown
 * outcome (a timeout while the commit went through) fails on the record and counts nothing twice,
 * and of two processes writing one batch at once one commits and the other finds the record. The
 * user's document is read first and changed under a precondition on its version (see
 * {@link #attempt}), so its recent sessions stay bounded and its last activity never moves back. A knowledge-base entry cited by many sessions ending at the same moment is one
 * document, which sustains about one write per second. Each sink owns a Firebase app of its own,
 * deleted by {@link #close()}.
 */
public final class FirestoreAnalyticsSink implements AnalyticsSink {

    /** The sink's name, as used in {@code mnemo.analytics.sink}. */
    public static final String NAME = "firestore";
    /** The default number of recent sessions kept per user. */
    public static final int DEFAULT_RECENT_SESSIONS = 20;
    /** The default number of answers a session's record keeps in detail (its totals count them all). */
    public static final int DEFAULT_MAX_ANSWERS = 200;

    private static final int MAX_WRITES_PER_BATCH = 500;
    /** Commits tried in a row while the user's document keeps changing under them. */
    private static final int MAX_ATTEMPTS = 5;

    private final FirebaseApp app;
    private final Layout layout;
    private final Calls calls;
    private final int recentSessions;
    private final int maxAnswers;

    /**
     * Opens the sink: a Firebase app of its own and the Firestore client; nothing is read yet.
     *
     * @param config         the project, database, emulator, credentials, root and call timeout, as the tier's
     * @param recentSessions {@link FirestoreAnalyticsSinkProvider#RECENT_SESSIONS}: how many recent sessions
     *                       to keep per user, at least 1
     * @param maxAnswers     {@link FirestoreAnalyticsSinkProvider#MAX_ANSWERS}: how many answers a session's
     *                       record keeps in detail, at least 0
     * @throws InvalidInputException naming the key of a bad value
     */
    public FirestoreAnalyticsSink(FirestoreStoreConfig config, int recentSessions, int maxAnswers) {
        FirestoreAnalyticsSinkProvider.RECENT_SESSIONS.require(recentSessions);
        FirestoreAnalyticsSinkProvider.MAX_ANSWERS.require(maxAnswers);
        this.app = FirebaseApp.initializeApp(FirestoreStore.options(config), NAME + "-analytics-" + UUID.randomUUID());
        this.layout = new Layout(FirestoreClient.getFirestore(app, config.database()), config.root());
        this.calls = new Calls(NAME, config.timeout());
        this.recentSessions = recentSessions;
        this.maxAnswers = maxAnswers;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** @return how many recent sessions are kept per user */
    public int recentSessions() {
        return recentSessions;
    }

    @Override
    public CompletionStage<Boolean> write(AnalyticsBatch batch) {
        return calls.run(() -> attempt(batch, 1));
    }

    /**
     * One commit: the record created, the user's document changed under a precondition on the
     * version read, the entries' counters incremented. A record that exists fails the commit
     * (nothing is written) and means the batch was written before; a user document changed
     * since it was read (another session of theirs ended meanwhile) fails it too, and it is tried
     * again on a fresh read. No lock is held across calls, so an attempt abandoned after a timeout
     * can never block the next one: if its commit landed after all, the next one finds the record.
     */
    private CompletableFuture<Boolean> attempt(AnalyticsBatch batch, int attempt) {
        String namespace = batch.session().namespace();
        DocumentReference record = records(namespace).document(batch.id());
        Map<String, Object> fields = fitting(record, batch);
        DocumentReference user = batch.userId() == null ? null : layout.user(namespace, batch.userId());
        CompletableFuture<DocumentSnapshot> current = user == null ? CompletableFuture.completedFuture(null)
                : Calls.of(user.get());
        return current.thenCompose(read -> {
            WriteBatch writes = layout.db().batch();
            writes.create(record, fields);
            if (read != null) {
                Map<String, Object> changes = AnalyticsCodec.user(batch, read, recentSessions);
                if (read.exists()) {
                    writes.update(user, AnalyticsCodec.asUpdate(changes), Precondition.updatedAt(read.getUpdateTime()));
                } else {
                    writes.create(user, Map.of(AnalyticsCodec.USER_FIELD, changes));
                }
            }
            CollectionReference entries = layout.namespace(namespace).collection(AnalyticsCodec.ENTRIES);
            batch.sourceUsage().forEach((entry, uses) -> writes.set(entries.document(AnalyticsCodec.entryDocumentId(entry)),
                    AnalyticsCodec.entryUse(entry, uses), SetOptions.merge()));
            return Calls.of(writes.commit()).thenApply(committed -> true).exceptionallyCompose(error -> {
                Status.Code code = Calls.code(error);
                if (code != Status.Code.ALREADY_EXISTS && code != Status.Code.FAILED_PRECONDITION) {
                    return CompletableFuture.failedFuture(error);
                }
                return Calls.of(record.get()).thenCompose(found -> found.exists() ? CompletableFuture.completedFuture(false)
                        : attempt < MAX_ATTEMPTS ? attempt(batch, attempt + 1) : CompletableFuture.failedFuture(error));
            });
        });
    }

    /** Deletes the session's records; the user's counters and entries' counts keep what they counted. */
    @Override
    public CompletionStage<Void> deleteSession(SessionRef ref) {
        return calls.run(() -> deleteRecords(records(ref.namespace()).whereEqualTo(AnalyticsCodec.SESSION_ID,
                ref.id().value()).get()));
    }

    /** Deletes the user's records and the analytics of their user document. */
    @Override
    public CompletionStage<Void> deleteUser(String namespace, String userId) {
        SessionRef.checkNamespace(namespace);
        SessionRef.checkUserId(userId);
        DocumentReference user = layout.user(namespace, userId);
        return calls.run(() -> deleteRecords(records(namespace).whereEqualTo(AnalyticsCodec.USER_ID, userId).get())
                .thenCompose(deleted -> Calls.of(user.get()))
                .thenCompose(snapshot -> !snapshot.exists() ? CompletableFuture.<Void>completedFuture(null)
                        : Calls.of(user.update(AnalyticsCodec.USER_FIELD, FieldValue.delete())).thenApply(done -> null)));
    }

    /** Deletes this sink's Firebase app, which closes its Firestore client. */
    @Override
    public void close() {
        app.delete();
    }

    private CollectionReference records(String namespace) {
        return layout.namespace(namespace).collection(AnalyticsCodec.RECORDS);
    }

    /** The record, its detailed answers halved until it fits in a document; the totals always count them all. */
    private Map<String, Object> fitting(DocumentReference record, AnalyticsBatch batch) {
        int detailed = Math.min(maxAnswers, batch.answerCount());
        Map<String, Object> fields = AnalyticsCodec.record(batch, detailed);
        while (DocumentSize.of(record, fields) > DocumentSize.MAX_DOCUMENT_BYTES && detailed > 0) {
            detailed /= 2;
            fields = AnalyticsCodec.record(batch, detailed);
        }
        return fields;
    }

    private CompletableFuture<Void> deleteRecords(ApiFuture<QuerySnapshot> query) {
        return Calls.of(query).thenCompose(found -> {
            List<CompletableFuture<?>> deletes = new ArrayList<>();
            WriteBatch writes = layout.db().batch();
            int pending = 0;
            for (QueryDocumentSnapshot document : found.getDocuments()) {
                writes.delete(document.getReference());
                if (++pending == MAX_WRITES_PER_BATCH) {
                    deletes.add(Calls.of(writes.commit()));
                    writes = layout.db().batch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                deletes.add(Calls.of(writes.commit()));
            }
            return CompletableFuture.allOf(deletes.toArray(CompletableFuture[]::new));
        });
    }
}
