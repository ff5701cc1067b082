package dev.mnemo.benchmarks;

import dev.mnemo.Message;
import dev.mnemo.Session;
import dev.mnemo.SessionId;
import dev.mnemo.spi.support.Stages;
import dev.mnemo.spi.AppendOutcome;
import dev.mnemo.spi.DurableJournal;
import dev.mnemo.spi.MemoryStore;
import dev.mnemo.spi.SessionRef;
import dev.mnemo.spi.Window;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One tier called through the store SPI, without Mnemo: appends of messages already counted and
 * {@link MemoryStore#readWindow} of the last 20. Set beside the same tier under Mnemo, it tells the
 * tier's own cost from what Mnemo adds (token counting, routing, context assembly). Journaled, it
 * appends through the tier's {@link DurableJournal} as the router does toward a durable tier; its
 * entries are never settled, so a session takes at most the journal's bound (10,000 by default).
 */
final class StoreSubject extends Subject {

    private static final String NAMESPACE = "bench-spi";

    private final MemoryStore store;
    private final DurableJournal journal;

    /**
     * @param name      the configuration's name in the tables
     * @param store     the tier; closed with this subject
     * @param journaled whether appends go through its {@link DurableJournal}, which it must have
     */
    StoreSubject(String name, MemoryStore store, boolean journaled) {
        super(name);
        this.store = store;
        this.journal = journaled ? store.capability(DurableJournal.class).orElseThrow() : null;
    }

    @Override
    void open(SessionId id, int size, Conversation conversation) {
        SessionRef ref = new SessionRef(NAMESPACE, id);
        Stages.join(store.createSession(Session.create(ref, "user-" + id.value(), Map.of(), Instant.now())));
        if (size > 0) {
            List<Message> history = conversation.history(size);
            seed(store, ref, history, conversation.summary(history.get(0).id()));
        }
    }

    /** @return the message counted already, as Mnemo would have before handing it to the tier */
    @Override
    Message message(Conversation conversation, long turn) {
        return conversation.counted(turn);
    }

    @Override
    void append(SessionId id, Message message) {
        SessionRef ref = new SessionRef(NAMESPACE, id);
        AppendOutcome outcome = Stages.join(journal == null ? store.append(ref, List.of(message))
                : journal.appendJournaled(ref, List.of(message)));
        if (outcome.appended() != 1) {
            noteDegraded();
        }
    }

    @Override
    void context(SessionId id) {
        Window window = Stages.join(store.readWindow(new SessionRef(NAMESPACE, id), CONTEXT_MESSAGES, false));
        if (window.messages().isEmpty()) {
            noteDegraded();
        }
    }

    @Override
    public void close() {
        store.close();
    }
}
