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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/**
 * One configuration under test, as a backend would use it: Mnemo over one tier or the router over
 * Redis, Firestore and memory. Sessions are opened through Mnemo and start with a SYSTEM message
 * appended through Mnemo, which pins it in the session's state as a chatbot's system prompt; then
 * they are seeded straight into each of Mnemo's tiers with batch appends (untimed), which leaves
 * every tier as a session of that length would: Redis with the last window and the full counters,
 * Firestore and memory with the whole transcript, each with a rolling summary. Timed calls go
 * through {@link BlockingMnemo}.
 */
final class MnemoSubject extends Subject {

    /** The context of every read: the rolling summary and the messages after it, of the last 20. */
    static final ContextPolicy CONTEXT = ContextPolicy.lastMessages(CONTEXT_MESSAGES).then(ContextPolicy.summary());

    /** How long a tier may take to have a session opened through Mnemo (the durable tier's first call is slow). */
    private static final Duration OPEN_WAIT = Duration.ofSeconds(30);

    private final Mnemo mnemo;
    private final String namespace;
    private final List<MemoryStore> tiers;
    private final boolean policies;

    /**
     * @param name      the configuration's name in the tables
     * @param mnemo     the Mnemo under test; closed with this subject
     * @param namespace its namespace
     * @param tiers     the stores it was built with, seeded directly
     * @param policies  whether each turn also reads {@link ChatPolicy#FULL} and {@link ChatPolicy#WINDOW}
     */
    MnemoSubject(String name, Mnemo mnemo, String namespace, List<MemoryStore> tiers, boolean policies) {
        super(name);
        this.mnemo = mnemo;
        this.namespace = namespace;
        this.tiers = List.copyOf(tiers);
        this.policies = policies;
    }

    /**
     * Opens the session, appends its system prompt through Mnemo (which pins it), then seeds the
     * history. Each tier is seeded once it has the session: in write-behind the durable tier takes
     * the open from the journal, in the background.
     */
    @Override
    void open(SessionId id, int size, Conversation conversation) {
        mnemo.blocking().openSession(id, "user-" + id.value());
        mnemo.blocking().append(id, ChatPolicy.systemPrompt()); // before the history is built: the oldest id
        if (size == 0) {
            return;
        }
        List<Message> history = conversation.history(size);
        SessionRef ref = new SessionRef(namespace, id);
        Summary summary = conversation.summary(history.get(0).id());
        for (MemoryStore tier : tiers) {
            awaitSession(tier, ref);
            seed(tier, ref, history, summary);
        }
    }

    private static void awaitSession(MemoryStore tier, SessionRef ref) {
        long deadline = System.nanoTime() + OPEN_WAIT.toNanos();
        while (Stages.join(tier.getSession(ref)).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(tier.name() + " lacks " + ref + " " + OPEN_WAIT + " after it was opened");
            }
            Durability.pause();
        }
    }

    /** @return 1: the system prompt */
    @Override
    int openingMessages() {
        return 1;
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
    boolean readsPolicies() {
        return policies;
    }

    /**
     * Reads the full policy or the bare window; a full context without the pinned prompt or the
     * summary, or one the budget cut, counts as short: it would not have measured the whole policy.
     */
    @Override
    void policyContext(SessionId id, boolean full) {
        Context context = mnemo.blocking().context(id, full ? ChatPolicy.FULL : ChatPolicy.WINDOW);
        boolean whole = !full || (context.systemPrompt().isPresent() && context.summary().isPresent()
                && !context.totals().overBudget());
        if (context.degraded() || context.messages().isEmpty() || !whole) {
            noteDegraded();
        }
    }

    @Override
    OptionalLong durableCount(List<SessionId> ids) {
        for (MemoryStore tier : tiers) {
            if (tier instanceof FirestoreStore) {
                List<CompletableFuture<Long>> counts = new ArrayList<>(ids.size());
                for (SessionId id : ids) {
                    counts.add(tier.getSession(new SessionRef(namespace, id))
                            .thenApply(session -> session.map(found -> found.messageCount()).orElse(0L))
                            .toCompletableFuture());
                }
                return OptionalLong.of(counts.stream().mapToLong(Stages::join).sum());
            }
        }
        return OptionalLong.empty();
    }

    @Override
    public void close() {
        mnemo.close();
    }
}
