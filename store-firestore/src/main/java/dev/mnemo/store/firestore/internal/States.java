package dev.mnemo.store.firestore.internal;

import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.SetOptions;
import com.google.cloud.firestore.Transaction;
import dev.mnemo.InvalidInputException;
import dev.mnemo.State;
import dev.mnemo.StateDelta;
import dev.mnemo.StateScope;
import dev.mnemo.spi.SessionRef;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * State by scope: the session's own keys in its state document, {@code user:} keys in the user's
 * document, {@code app:} keys in the namespace's document; {@code temp:} keys are never written.
 * A delta is one transaction that checks the session and writes each scope's part through a
 * field mask (see {@link StateCodec}).
 */
public final class States {

    private final Docs docs;

    /** @param docs the shared reads, layout and clock */
    public States(Docs docs) {
        this.docs = docs;
    }

    /** @return the session's keys with its user's and its namespace's */
    public CompletableFuture<State> get(SessionRef ref) {
        Layout layout = docs.layout();
        return docs.getAll(layout.session(ref), layout.state(ref), layout.namespace(ref.namespace())).thenCompose(read -> {
            DocumentSnapshot session = docs.requireLive(ref, read.get(0));
            State state = StateCodec.read(read.get(1)).merge(StateCodec.read(read.get(2)));
            Optional<String> userId = SessionCodec.userId(session);
            return userId.isEmpty() ? CompletableFuture.completedFuture(state)
                    : docs.get(layout.user(ref.namespace(), userId.get())).thenApply(user -> state.merge(StateCodec.read(user)));
        });
    }

    /** Applies {@code delta}; fails with {@link InvalidInputException} for {@code user:} keys of an anonymous session. */
    public CompletableFuture<Void> apply(SessionRef ref, StateDelta delta) {
        StateDelta stored = delta.persistent();
        StateDelta own = stored.scope(StateScope.SESSION);
        StateDelta user = stored.scope(StateScope.USER);
        StateDelta app = stored.scope(StateScope.APP);
        Layout layout = docs.layout();
        return docs.transaction(List.of(layout.session(ref)), (transaction, snapshots) -> {
            Optional<String> userId = SessionCodec.userId(docs.requireLive(ref, snapshots.get(0)));
            if (!user.isEmpty() && userId.isEmpty()) {
                throw new InvalidInputException("Session " + ref + " has no user, so it has no user: state");
            }
            write(transaction, layout.state(ref), own);
            userId.ifPresent(id -> write(transaction, layout.user(ref.namespace(), id), user));
            write(transaction, layout.namespace(ref.namespace()), app);
            return null;
        });
    }

    private static void write(Transaction transaction, DocumentReference doc, StateDelta part) {
        if (part.isEmpty()) {
            return;
        }
        StateCodec.Write write = StateCodec.write(part);
        DocumentSize.requireFits("State delta for " + doc.getPath(), DocumentSize.of(doc, write.data()));
        transaction.set(doc, write.data(), SetOptions.mergeFieldPaths(write.mask()));
    }
}
