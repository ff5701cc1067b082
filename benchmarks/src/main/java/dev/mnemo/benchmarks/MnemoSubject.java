package dev.mnemo.benchmarks;

import dev.mnemo.AppendResult;
import dev.mnemo.BlockingMnemo;
import dev.mnemo.Message;
import dev.mnemo.Mnemo;
import dev.mnemo.SessionId;
import dev.mnemo.Summary;
import dev.mnemo.context.Context;
import dev.mnemo.context.ContextPolicy;
import dev.mnemo.spi.support.Stages;
import dev.mnemo.spi.MemoryStore;
import dev.mnemo.spi.SessionRef;
import dev.mnemo.store.firestore.FirestoreStore;
import java.util.List;
import java.util.OptionalLong;

/**
 * One configuration under test, as a backend would use it: Mnemo over one tier or the router over
 * Redis, Firestore and memory. Sessions are opened through Mnemo, then seeded straight into each of
 * its tiers with batch appends (untimed), which leaves every tier as a session of that length would:
 * Redis with the last window and the full counters, Firestore and memory with the whole transcript,
 * each with a rolling summary. Timed calls go through {@link BlockingMnemo}.
 */
final class MnemoSubject extends Subject {

    /** The context of every read: the rolling summary and the messages after it, of the last 20. */
    static final ContextPolicy CONTEXT = ContextPolicy.lastMessages(CONTEXT_MESSAGES).then(ContextPolicy.summary());

    private final Mnemo mnemo;
    private final String namespace;
    private final List<MemoryStore> tiers;

    /**
     * @param name      the configuration's name in the tables
     * @param mnemo     the Mnemo under test; closed with this subject
     * @param namespace its namespace
     * @param tiers     the stores it was built with, seeded directly
     */
    MnemoSubject(String name, Mnemo mnemo, String namespace, List<MemoryStore> tiers) {
        super(name);
        this.mnemo = mnemo;
        this.namespace = namespace;
        this.tiers = List.copyOf(tiers);
    }

    @Override
    void open(SessionId id, List<Message> history, Conversation conversation) {
        mnemo.blocking().openSession(id, "user-" + id.value());
        if (history.isEmpty()) {
            return;
        }
        SessionRef ref = new SessionRef(namespace, id);
        Summary summary = conversation.summary(history.get(0).id());
        for (MemoryStore tier : tiers) {
            seed(tier, ref, history, summary);
        }
    }

    /** Appends one message through Mnemo, which counts its tokens. */
    @Override
    void append(SessionId id, Message message) {
        AppendResult result = mnemo.blocking().append(id, message);
        if (result.degraded() || result.appended() != 1) {
            noteDegraded();
        }
    }

    /** Reads the context for the LLM: the summary and the messages after it, of the last 20. */
    @Override
    void context(SessionId id) {
        Context context = mnemo.blocking().context(id, CONTEXT);
        if (context.degraded() || context.messages().isEmpty()) {
            noteDegraded();
        }
    }

    @Override
    OptionalLong durableCount(SessionId id) {
        for (MemoryStore tier : tiers) {
            if (tier instanceof FirestoreStore) {
                return Stages.join(tier.getSession(new SessionRef(namespace, id)))
                        .map(session -> OptionalLong.of(session.messageCount())).orElse(OptionalLong.of(0));
            }
        }
        return OptionalLong.empty();
    }

    @Override
    public void close() {
        mnemo.close();
    }
}
