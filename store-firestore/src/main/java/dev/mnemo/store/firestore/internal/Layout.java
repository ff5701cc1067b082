package dev.mnemo.store.firestore.internal;

import com.google.cloud.firestore.CollectionReference;
import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.Firestore;
import dev.mnemo.spi.SessionRef;
import java.util.UUID;

/**
 * Where each document lives, below a root per namespace (every path names the namespace, so one
 * namespace can never reach another's data):
 * <pre>
 * {root}/namespaces/{ns}                                  app: state
 * {root}/namespaces/{ns}/sessions/{sid}                   user, status, timestamps, counters, summary, expireAt
 * {root}/namespaces/{ns}/sessions/{sid}/messages/{uuid}   one message; the id's text orders as the id
 * {root}/namespaces/{ns}/sessions/{sid}/state/session     the session's own state
 * {root}/namespaces/{ns}/users/{uid}                      the user's user: state
 * </pre>
 * Ids are checked by the core to {@code [A-Za-z0-9._:-]}, so none holds a slash; the few that
 * Firestore reserves as document ids ({@code __x__}) get a {@code ~} in front, which no checked
 * id holds, so the mapping stays one to one.
 */
public final class Layout {

    static final String NAMESPACES = "namespaces";
    static final String SESSIONS = "sessions";
    static final String MESSAGES = "messages";
    static final String STATE = "state";
    static final String SESSION_STATE = "session";
    static final String USERS = "users";
    static final String HEALTH = "health";

    private final Firestore db;
    private final String root;

    /**
     * @param db   the database
     * @param root a document path such as {@code apps/chatbot}, or empty for the database root
     */
    public Layout(Firestore db, String root) {
        this.db = db;
        this.root = root.isEmpty() ? "" : root + "/";
    }

    /** @return the database */
    public Firestore db() {
        return db;
    }

    /** @return the namespace's document, which holds its {@code app:} state */
    public DocumentReference namespace(String namespace) {
        return db.collection(root + NAMESPACES).document(documentId(namespace));
    }

    /** @return the namespace's sessions */
    public CollectionReference sessions(String namespace) {
        return namespace(namespace).collection(SESSIONS);
    }

    /** @return the session's document */
    public DocumentReference session(SessionRef ref) {
        return sessions(ref.namespace()).document(documentId(ref.id().value()));
    }

    /** @return the session's messages, one document each */
    public CollectionReference messages(SessionRef ref) {
        return session(ref).collection(MESSAGES);
    }

    /** @return the document of one message */
    public DocumentReference message(SessionRef ref, UUID id) {
        return messages(ref).document(id.toString());
    }

    /**
     * @return the path of one message's document, as {@link #message(SessionRef, UUID)} names it, made
     *         without the client's path parsing: what a size estimate needs on the append path
     */
    public String messagePath(SessionRef ref, UUID id) {
        return root + NAMESPACES + "/" + documentId(ref.namespace()) + "/" + SESSIONS + "/" + documentId(ref.id().value())
                + "/" + MESSAGES + "/" + id;
    }

    /** @return the document of the session's own state */
    public DocumentReference state(SessionRef ref) {
        return session(ref).collection(STATE).document(SESSION_STATE);
    }

    /** @return the user's document, which holds the {@code user:} state */
    public DocumentReference user(String namespace, String userId) {
        return namespace(namespace).collection(USERS).document(documentId(userId));
    }

    /** @return a document the health check reads; it never exists */
    public DocumentReference healthProbe() {
        return db.collection(root + HEALTH).document("probe");
    }

    private static String documentId(String id) {
        return id.startsWith("__") && id.endsWith("__") && id.length() >= 4 ? "~" + id : id;
    }
}
