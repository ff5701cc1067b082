package dev.mnemo.store.firestore;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.FirestoreOptions;
import com.google.firebase.FirebaseApp;
import com.google.firebase.FirebaseOptions;
import com.google.firebase.cloud.FirestoreClient;
import dev.mnemo.Message;
import dev.mnemo.Session;
import dev.mnemo.SessionEnd;
import dev.mnemo.State;
import dev.mnemo.StateDelta;
import dev.mnemo.StoreUnavailableException;
import dev.mnemo.Summary;
import dev.mnemo.spi.support.Limits;
import dev.mnemo.spi.AppendOutcome;
import dev.mnemo.spi.BatchWriter;
import dev.mnemo.spi.Capabilities;
import dev.mnemo.spi.Health;
import dev.mnemo.spi.MemoryStore;
import dev.mnemo.spi.SessionRef;
import dev.mnemo.spi.Window;
import dev.mnemo.store.firestore.internal.BatchCommit;
import dev.mnemo.store.firestore.internal.Calls;
import dev.mnemo.store.firestore.internal.CommitLanes;
import dev.mnemo.store.firestore.internal.Docs;
import dev.mnemo.store.firestore.internal.DocumentSize;
import dev.mnemo.store.firestore.internal.Layout;
import dev.mnemo.store.firestore.internal.MessageCodec;
import dev.mnemo.store.firestore.internal.PreparedBatch;
import dev.mnemo.store.firestore.internal.Sessions;
import dev.mnemo.store.firestore.internal.States;
import dev.mnemo.store.firestore.internal.Transcript;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The durable tier, {@code firestore}: the full transcript and the system of record, through the
 * Firebase Admin SDK. Each store owns a {@link FirebaseApp} of its own, deleted by {@link #close()}.
 *
 * <p>Layout below {@code {root}/namespaces/{ns}}: {@code sessions/{sid}} (owner, status,
 * timestamps, counters, summary, {@code expireAt}), {@code sessions/{sid}/messages/{messageId}} with
 * one document per message, {@code sessions/{sid}/state/session}, {@code users/{uid}} with the
 * {@code user:} state, and the namespace document with the {@code app:} state. An append is one
 * transaction, idempotent by message id, that writes the new messages and the session's counters
 * and timestamps together; appends to one session from this store share commits (see
 * {@link FirestoreStoreConfig#sessionWriteInterval()}). The last k messages cost k document reads
 * and the session's, whatever the transcript's length.
 *
 * <p>For production, {@code firestore.indexes.json} beside this class (in the jar) declares, for
 * the Firebase CLI, the composite index {@link #listSessions} needs ({@code sessions}: {@code userId}
 * ascending, {@code updatedAt} descending), the TTL policy on the {@code sessions} collection
 * group's {@code expireAt} field, and exempts large fields from indexing. A TTL policy deletes only
 * the session document: what is left below it is never read (every read checks the session
 * document first) and is purged when the id is created again.
 */
public final class FirestoreStore implements MemoryStore, BatchWriter {

    /** The tier's name, as used in {@code mnemo.tiers}. */
    public static final String NAME = "firestore";

    private static final AtomicLong APPS = new AtomicLong();
    /** What a commit's time limit adds per MiB of message content. */
    static final Duration COMMIT_TIME_PER_MIB = Duration.ofMillis(500);
    /** The longest {@link #close()} waits for the SDK to shut down. */
    static final Duration CLOSE_WAIT = Duration.ofSeconds(3);

    private final FirestoreStoreConfig config;
    private final FirebaseApp app;
    private final Firestore db;
    private final Calls calls;
    private final Docs docs;
    private final Sessions sessions;
    private final Transcript transcript;
    private final States states;
    private final CommitLanes appends;
    private final BatchCommit batchCommit;

    /**
     * Opens the store: a Firebase app of its own and the Firestore client; nothing is read yet.
     *
     * @param config the settings
     * @throws StoreUnavailableException when no credentials can be loaded
     */
    public FirestoreStore(FirestoreStoreConfig config) {
        this.config = config;
        this.app = FirebaseApp.initializeApp(options(config), NAME + "-" + APPS.incrementAndGet() + "-" + UUID.randomUUID());
        this.db = FirestoreClient.getFirestore(app, config.database());
        this.calls = new Calls(NAME, config.timeout());
        this.docs = new Docs(new Layout(db, config.root()), Clock.systemUTC(), config.ttl());
        this.sessions = new Sessions(docs, calls);
        this.transcript = new Transcript(docs);
        this.states = new States(docs);
        this.appends = new CommitLanes(transcript, config.sessionWriteInterval());
        this.batchCommit = new BatchCommit(docs);
        // Open the gRPC channel now, in the background: a new client's first call pays for the channel,
        // TLS and class loading (seconds on a busy machine), which would otherwise fall on the first
        // caller and eat into its deadline. Its answer is not needed; a failure is the first call's to see.
        health();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Capabilities capabilities() {
        return new Capabilities(true, true, 0, config.expiry().orElse(null));
    }

    /**
     * @return how many documents this store has received from Firestore since it opened (each is a
     *         billed read); what a call cost is the difference across it
     */
    public long documentsRead() {
        return docs.documentsRead();
    }

    @Override
    public CompletionStage<Session> createSession(Session session) {
        return run(() -> sessions.create(session));
    }

    @Override
    public CompletionStage<Optional<Session>> getSession(SessionRef ref) {
        return run(() -> sessions.get(ref));
    }

    @Override
    public CompletionStage<Void> touchSession(SessionRef ref) {
        return run(() -> sessions.touch(ref));
    }

    @Override
    public CompletionStage<Boolean> endSession(SessionRef ref, SessionEnd end) {
        return run(() -> sessions.end(ref, end));
    }

    @Override
    public CompletionStage<Void> updateMetadata(SessionRef ref, Map<String, ? extends @Nullable Object> changes) {
        return run(() -> sessions.updateMetadata(ref, changes));
    }

    /** Purges in steps of bounded size, each under the time limit, so a long session is not taken for an outage. */
    @Override
    public CompletionStage<Boolean> deleteSession(SessionRef ref) {
        return calls.steps(() -> sessions.delete(ref));
    }

    /** Purges each session as {@link #deleteSession} does. */
    @Override
    public CompletionStage<Integer> deleteUser(String namespace, String userId) {
        return calls.steps(() -> sessions.deleteUser(SessionRef.checkNamespace(namespace), SessionRef.checkUserId(userId)));
    }

    @Override
    public CompletionStage<List<Session>> listSessions(String namespace, String userId, int limit) {
        return run(() -> {
            Limits.requirePositive("limit", limit);
            return sessions.list(SessionRef.checkNamespace(namespace), SessionRef.checkUserId(userId), limit);
        });
    }

    /** Appends in one commit shared with this store's other appends to the session; checked whole before any write. */
    @Override
    public CompletionStage<AppendOutcome> append(SessionRef ref, List<Message> messages) {
        return run(() -> appends.submit(ref, PreparedBatch.of(docs.layout(), ref, messages)));
    }

    @Override
    public CompletionStage<List<Message>> lastMessages(SessionRef ref, int k) {
        return run(() -> {
            Limits.requirePositive("k", k);
            return transcript.last(ref, k);
        });
    }

    @Override
    public CompletionStage<List<Message>> messagesAfter(SessionRef ref, UUID afterId, int limit) {
        return run(() -> {
            Limits.requirePositive("limit", limit);
            return transcript.after(ref, afterId, limit);
        });
    }

    /** Reads the session document (with the summary), the last {@code k} messages and, when asked, the state at once. */
    @Override
    public CompletionStage<Window> readWindow(SessionRef ref, int k, boolean withState) {
        return run(() -> {
            Limits.requirePositive("k", k);
            CompletableFuture<Window> window = transcript.window(ref, k);
            if (!withState) {
                return window;
            }
            return window.thenCombine(states.get(ref), (read, state) -> new Window(read.session(), read.summary(),
                    read.messages(), Optional.of(state)));
        });
    }

    /** @return the size of the message's document by Firestore's rules; refuses one over 1 MiB */
    @Override
    public long weigh(SessionRef ref, Message message) {
        return DocumentSize.requireFits(() -> "Message " + message.id() + " of session " + ref,
                DocumentSize.of(docs.layout().messagePath(ref, message.id()), MessageCodec.fields(message)));
    }

    /** @return Firestore's 500 writes per commit */
    @Override
    public int maxWrites() {
        return DocumentSize.MAX_WRITES;
    }

    /** @return {@link DocumentSize#MAX_COMMIT_BYTES}: 3.5 MiB, under the emulator's 4 MiB and Firestore's 10 MiB per request */
    @Override
    public long maxBytes() {
        return DocumentSize.MAX_COMMIT_BYTES;
    }

    /**
     * Stores several sessions' messages in one commit that holds no lock; see {@link BatchCommit}. Its
     * time limit is the store's timeout plus {@link #COMMIT_TIME_PER_MIB} per MiB of content, so a
     * large commit to a healthy Firestore is not taken for an outage.
     */
    @Override
    public CompletionStage<Map<SessionRef, Stored>> appendAll(Map<SessionRef, List<Message>> batches) {
        long characters = batches.values().stream().flatMap(List::stream).mapToLong(m -> m.content().length()).sum();
        Duration limit = config.timeout().plus(COMMIT_TIME_PER_MIB.multipliedBy(characters / 1_048_576));
        return calls.run(limit, () -> batchCommit.commit(batches));
    }

    @Override
    public CompletionStage<Optional<Summary>> getSummary(SessionRef ref) {
        return run(() -> sessions.summary(ref));
    }

    @Override
    public CompletionStage<Boolean> compareAndSetSummary(SessionRef ref, long expectedVersion, Summary summary) {
        return run(() -> {
            Limits.requireLaterVersion(expectedVersion, summary);
            return sessions.compareAndSetSummary(ref, expectedVersion, summary);
        });
    }

    @Override
    public CompletionStage<State> getState(SessionRef ref) {
        return run(() -> states.get(ref));
    }

    @Override
    public CompletionStage<Void> applyState(SessionRef ref, StateDelta delta) {
        return run(() -> states.apply(ref, delta));
    }

    /** Reads one document that never exists: the cheapest round trip that proves Firestore answers. */
    @Override
    public CompletionStage<Health> health() {
        long started = System.nanoTime();
        return run(() -> docs.get(docs.layout().healthProbe())).handle((ignored, error) -> {
            Duration latency = Duration.ofNanos(System.nanoTime() - started);
            return error == null
                    ? Health.up(NAME, latency, "project " + config.projectId() + ", database " + config.database())
                    : Health.down(NAME, latency, error);
        });
    }

    /**
     * Shuts the Firestore client down without waiting for calls in flight, then deletes this store's
     * Firebase app; returns within about {@link #CLOSE_WAIT} even when the SDK's own shutdown hangs
     * (it waits for gRPC channels to terminate), which then finishes on a daemon thread.
     */
    @Override
    public void close() {
        Thread closer = new Thread(() -> {
            try {
                db.shutdownNow();
            } finally {
                app.delete();
            }
        }, "mnemo-firestore-close");
        closer.setDaemon(true);
        closer.start();
        try {
            closer.join(CLOSE_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private <T> CompletableFuture<T> run(Supplier<CompletableFuture<T>> call) {
        return calls.run(call);
    }

    static FirebaseOptions options(FirestoreStoreConfig config) {
        GoogleCredentials credentials = credentials(config);
        FirestoreOptions.Builder firestore = FirestoreOptions.newBuilder()
                .setProjectId(config.projectId()).setDatabaseId(config.database()).setCredentials(credentials);
        if (config.usesEmulator()) {
            firestore.setEmulatorHost(config.emulatorHost());
        }
        return FirebaseOptions.builder().setProjectId(config.projectId()).setCredentials(credentials)
                .setFirestoreOptions(firestore.build()).build();
    }

    /** With an emulator no credentials are used (the SDK sends the emulator's own); else the file or the defaults. */
    private static GoogleCredentials credentials(FirestoreStoreConfig config) {
        if (config.usesEmulator()) {
            return GoogleCredentials.create(new AccessToken("owner", null));
        }
        try {
            if (config.credentialsFile() == null) {
                return GoogleCredentials.getApplicationDefault();
            }
            try (InputStream in = Files.newInputStream(config.credentialsFile())) {
                return GoogleCredentials.fromStream(in);
            }
        } catch (IOException e) {
            throw new StoreUnavailableException(NAME, "no Google credentials: " + e.getMessage()
                    + " (set mnemo.firestore.credentials-file or application default credentials)", e);
        }
    }
}
