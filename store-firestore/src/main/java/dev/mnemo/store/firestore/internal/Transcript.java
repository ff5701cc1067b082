package dev.mnemo.store.firestore.internal;

import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.FieldValue;
import com.google.cloud.firestore.Query;
import com.google.cloud.firestore.QueryDocumentSnapshot;
import com.google.cloud.firestore.QuerySnapshot;
import dev.mnemo.ConflictException;
import dev.mnemo.Message;
import dev.mnemo.Session;
import dev.mnemo.SessionStatus;
import dev.mnemo.spi.AppendOutcome;
import dev.mnemo.spi.SessionRef;
import dev.mnemo.spi.Window;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The messages of sessions: appends as one transaction per commit, and reads by id order.
 *
 * <p>An append commit is one read-write transaction: it reads the session document and every
 * message of the batch by id in a single {@code getAll}, creates only the messages not stored
 * yet, and bumps the session's counters and timestamps by exactly those, all in one commit. So a
 * retried or repeated append stores nothing twice, the counters never drift from the documents,
 * an ENDED or deleted session takes nothing, and a crash leaves either all of it or none. A
 * precondition-only write batch could not tell which ids are new (and so how much to count)
 * without that read, and a plain set would count a retry twice.
 *
 * <p>Reads never scan the transcript: the last k are the first k by the {@code id} field descending
 * (a message's id text, also its document id, orders as its id), reversed; a page after an id
 * starts after that id. Both read the session document beside the query, to answer a missing
 * session as such.
 */
public final class Transcript implements CommitLanes.Committer {

    private final Docs docs;

    /** @param docs the shared reads, layout and clock */
    public Transcript(Docs docs) {
        this.docs = docs;
    }

    @Override
    public CompletableFuture<List<AppendOutcome>> commit(SessionRef ref, List<PreparedBatch> batches) {
        Map<UUID, Integer> batchOf = new LinkedHashMap<>();
        Map<UUID, Map<String, Object>> documents = new HashMap<>();
        Map<UUID, Message> messages = new HashMap<>();
        for (int i = 0; i < batches.size(); i++) {
            PreparedBatch batch = batches.get(i);
            for (int j = 0; j < batch.size(); j++) {
                UUID id = batch.messages().get(j).id();
                if (batchOf.putIfAbsent(id, i) == null) {
                    documents.put(id, batch.documents().get(j));
                    messages.put(id, batch.messages().get(j));
                }
            }
        }
        List<DocumentReference> reads = new ArrayList<>();
        reads.add(docs.layout().session(ref));
        batchOf.keySet().forEach(id -> reads.add(docs.layout().message(ref, id)));
        return docs.transaction(reads, (transaction, snapshots) -> {
            Session session = SessionCodec.read(ref.namespace(), docs.requireLive(ref, snapshots.get(0)));
            if (session.status() == SessionStatus.ENDED) {
                throw new ConflictException("Session " + ref + " has ended and takes no more messages");
            }
            Set<String> stored = new HashSet<>();
            snapshots.subList(1, snapshots.size()).stream().filter(DocumentSnapshot::exists)
                    .forEach(snapshot -> stored.add(snapshot.getId()));
            int[] appended = new int[batches.size()];
            long added = 0;
            long tokens = 0;
            for (Map.Entry<UUID, Integer> entry : batchOf.entrySet()) {
                UUID id = entry.getKey();
                if (!stored.contains(id.toString())) {
                    transaction.create(docs.layout().message(ref, id), documents.get(id));
                    appended[entry.getValue()]++;
                    added++;
                    tokens += messages.get(id).tokens();
                }
            }
            if (added > 0) {
                transaction.update(reads.get(0), docs.activity(Map.of(
                        SessionCodec.MESSAGE_COUNT, FieldValue.increment(added),
                        SessionCodec.TOKEN_COUNT, FieldValue.increment(tokens))));
            }
            List<AppendOutcome> outcomes = new ArrayList<>(batches.size());
            for (int count : appended) {
                outcomes.add(new AppendOutcome(count, session.messageCount() + added, session.tokenCount() + tokens));
            }
            return outcomes;
        });
    }

    /** @return the last {@code k} messages, oldest first, reading k documents and the session's */
    public CompletableFuture<List<Message>> last(SessionRef ref, int k) {
        return read(ref, newestFirst(ref, k)).thenApply(read -> oldestFirst(read.messages()));
    }

    /** @return the session, its summary and its last {@code k} messages: two reads in parallel, k + 1 documents */
    public CompletableFuture<Window> window(SessionRef ref, int k) {
        return read(ref, newestFirst(ref, k)).thenApply(read -> new Window(SessionCodec.read(ref.namespace(), read.session()),
                SessionCodec.summary(read.session()), oldestFirst(read.messages()), Optional.empty()));
    }

    /** @return up to {@code limit} messages after {@code afterId} (from the first when {@code null}), oldest first */
    public CompletableFuture<List<Message>> after(SessionRef ref, UUID afterId, int limit) {
        Query page = docs.layout().messages(ref).orderBy(MessageCodec.ID).limit(limit);
        return read(ref, afterId == null ? page : page.startAfter(afterId.toString())).thenApply(Read::messages);
    }

    private Query newestFirst(SessionRef ref, int k) {
        return docs.layout().messages(ref).orderBy(MessageCodec.ID, Query.Direction.DESCENDING).limit(k);
    }

    /** Reads the session's document and runs {@code query} at once; a missing session fails the read. */
    private CompletableFuture<Read> read(SessionRef ref, Query query) {
        CompletableFuture<DocumentSnapshot> session = docs.liveSession(ref);
        CompletableFuture<QuerySnapshot> found = docs.query(query);
        return session.thenCombine(found, (live, snapshot) -> {
            List<Message> messages = new ArrayList<>(snapshot.size());
            for (QueryDocumentSnapshot document : snapshot.getDocuments()) {
                messages.add(MessageCodec.read(document));
            }
            return new Read(live, messages);
        });
    }

    private static List<Message> oldestFirst(List<Message> newestFirst) {
        List<Message> reversed = new ArrayList<>(newestFirst);
        Collections.reverse(reversed);
        return reversed;
    }

    private record Read(DocumentSnapshot session, List<Message> messages) {
    }
}
