package dev.mnemo.store.firestore.internal;

import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.FieldValue;
import com.google.cloud.firestore.Precondition;
import com.google.cloud.firestore.WriteBatch;
import dev.mnemo.InvalidInputException;
import dev.mnemo.Message;
import dev.mnemo.Session;
import dev.mnemo.spi.BatchWriter;
import dev.mnemo.spi.SessionRef;
import io.grpc.Status;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Stores several sessions' messages in one commit without a transaction, so that no lock is ever
 * held: a writer that dies mid-commit (a process killed while flushing a journal) leaves nothing
 * that blocks the process that flushes after it, as a read-write transaction's locks would until
 * they expire. It reads every session document and every message by id in one {@code getAll}
 * (no lock), then writes one batch whose preconditions make it exact: each new message is created
 * only if still absent, and each session's counters are bumped only if its document is unchanged
 * since the read. When another writer got there first the batch fails whole, and is read and
 * tried again, up to {@value #ATTEMPTS} times. A session that is absent or expired gets nothing and
 * is left out of the result; an ENDED one takes its messages (they were acknowledged while it was
 * active).
 */
public final class BatchCommit {

    /** How many times a batch is read and written before a conflict is reported. */
    static final int ATTEMPTS = 5;

    private final Docs docs;

    /** @param docs the shared reads, layout and clock */
    public BatchCommit(Docs docs) {
        this.docs = docs;
    }

    /**
     * @return what each live session holds afterwards
     * @throws InvalidInputException when the batch passes one commit's {@value DocumentSize#MAX_WRITES} writes
     */
    public CompletableFuture<Map<SessionRef, BatchWriter.Stored>> commit(Map<SessionRef, List<Message>> batches) {
        Plan plan = new Plan(docs, batches);
        return attempt(plan, 1);
    }

    private CompletableFuture<Map<SessionRef, BatchWriter.Stored>> attempt(Plan plan, int attempt) {
        return docs.getAll(plan.reads.toArray(DocumentReference[]::new)).thenCompose(snapshots -> {
            WriteBatch batch = docs.layout().db().batch();
            Map<SessionRef, BatchWriter.Stored> stored = new HashMap<>();
            int next = plan.refs.size();
            boolean writes = false;
            for (int i = 0; i < plan.refs.size(); i++) {
                SessionRef ref = plan.refs.get(i);
                List<Message> messages = plan.messages.get(ref);
                DocumentSnapshot sessionDocument = snapshots.get(i);
                if (!SessionCodec.live(sessionDocument, docs.now())) {
                    next += messages.size();
                    continue;
                }
                Session session = SessionCodec.read(ref.namespace(), sessionDocument);
                Set<UUID> created = new HashSet<>();
                long tokens = 0;
                for (Message message : messages) {
                    if (!snapshots.get(next++).exists()) {
                        batch.create(docs.layout().message(ref, message.id()), plan.documents.get(message.id()));
                        created.add(message.id());
                        tokens += message.tokens();
                    }
                }
                if (!created.isEmpty()) {
                    batch.update(sessionDocument.getReference(), docs.activity(Map.of(
                            SessionCodec.MESSAGE_COUNT, FieldValue.increment(created.size()),
                            SessionCodec.TOKEN_COUNT, FieldValue.increment(tokens))),
                            Precondition.updatedAt(sessionDocument.getUpdateTime()));
                    writes = true;
                }
                stored.put(ref, new BatchWriter.Stored(created, session.messageCount() + created.size(),
                        session.tokenCount() + tokens));
            }
            if (!writes) {
                return CompletableFuture.completedFuture(stored);
            }
            return Calls.of(batch.commit()).thenApply(results -> stored).exceptionallyCompose(error ->
                    conflict(error) && attempt < ATTEMPTS ? attempt(plan, attempt + 1) : CompletableFuture.failedFuture(error));
        });
    }

    /** @return whether another writer changed what the batch read: it is read and tried again */
    private static boolean conflict(Throwable error) {
        Status.Code code = Calls.code(error);
        return code == Status.Code.ALREADY_EXISTS || code == Status.Code.FAILED_PRECONDITION
                || code == Status.Code.ABORTED;
    }

    /** What a batch reads and writes, prepared once for every attempt. */
    private static final class Plan {
        final List<SessionRef> refs;
        final List<DocumentReference> reads = new ArrayList<>();
        final Map<SessionRef, List<Message>> messages = new LinkedHashMap<>();
        final Map<UUID, Map<String, Object>> documents = new HashMap<>();

        Plan(Docs docs, Map<SessionRef, List<Message>> batches) {
            refs = new ArrayList<>(batches.keySet());
            refs.forEach(ref -> reads.add(docs.layout().session(ref)));
            for (SessionRef ref : refs) {
                Map<UUID, Message> unique = new LinkedHashMap<>();
                batches.get(ref).forEach(message -> unique.putIfAbsent(message.id(), message));
                messages.put(ref, List.copyOf(unique.values()));
                unique.values().forEach(message -> {
                    reads.add(docs.layout().message(ref, message.id()));
                    documents.put(message.id(), MessageCodec.fields(message));
                });
            }
            if (reads.size() > DocumentSize.MAX_WRITES) {
                throw new InvalidInputException("A batch of " + reads.size() + " writes is over the "
                        + DocumentSize.MAX_WRITES + " one Firestore commit takes");
            }
        }
    }
}
