package dev.mnemo.benchmarks;

import dev.mnemo.AppendResult;
import dev.mnemo.BlockingMnemo;
import dev.mnemo.Message;
import dev.mnemo.Mnemo;
import dev.mnemo.SessionId;
import dev.mnemo.StoreTimeoutException;
import dev.mnemo.StoreUnavailableException;
import dev.mnemo.Summary;
import dev.mnemo.TurnResult;
import dev.mnemo.context.Context;
import dev.mnemo.context.ContextPolicy;
import dev.mnemo.spi.support.Stages;
import dev.mnemo.spi.MemoryStore;
import dev.mnemo.spi.SessionRef;
import dev.mnemo.store.firestore.FirestoreStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
        patiently(() -> mnemo.blocking().openSession(id, "user-" + id.value()));
        Message prompt = ChatPolicy.systemPrompt(); // before the history is built: the oldest id
        patiently(() -> mnemo.blocking().append(id, prompt));
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

    /**
     * Makes an untimed call of opening a session again while it fails past Mnemo's call deadline,
     * for up to {@link #OPEN_WAIT}: the first calls of a fresh Firestore client can take longer than
     * that on a loaded machine. Both calls are idempotent: an open gets or creates, and the prompt is
     * the same message, whose id is stored once.
     */
    private static void patiently(Runnable call) {
        long deadline = System.nanoTime() + OPEN_WAIT.toNanos();
        while (true) {
            try {
                call.run();
                return;
            } catch (StoreTimeoutException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
        }
    }

    private static void awaitSession(MemoryStore tier, SessionRef ref) {
        long deadline = System.nanoTime() + OPEN_WAIT.toNanos();
        while (!holds(tier, ref)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(tier.name() + " lacks " + ref + " " + OPEN_WAIT + " after it was opened");
            }
            Durability.pause();
        }
    }

    /** @return whether {@code tier} holds the session; a busy tier's late answer is a no, asked again */
    private static boolean holds(MemoryStore tier, SessionRef ref) {
        try {
            return Stages.join(tier.getSession(ref)).isPresent();
        } catch (StoreUnavailableException busy) {
            return false;
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

    /** Reads the full policy or the bare window; a full context that is not whole counts as short (see {@link #whole}). */
    @Override
    void policyContext(SessionId id, boolean full) {
        Context context = mnemo.blocking().context(id, full ? ChatPolicy.FULL : ChatPolicy.WINDOW);
        if (context.degraded() || context.messages().isEmpty() || full && !whole(context)) {
            noteDegraded();
        }
    }

    /**
     * Takes a turn with the full policy; one whose append was degraded or stored nothing, or whose
     * context is degraded, not whole, or does not end with the question, counts as degraded or short.
     */
    @Override
    void turn(SessionId id, Message question) {
        TurnResult result = mnemo.blocking().turn(id, List.of(question), ChatPolicy.FULL);
        AppendResult appended = result.appended();
        Context context = result.context();
        List<Message> messages = context.messages();
        if (appended.degraded() || appended.appended() != 1 || context.degraded() || !whole(context)
                || messages.isEmpty() || !messages.get(messages.size() - 1).id().equals(question.id())) {
            noteDegraded();
        }
    }

    /**
     * @return whether a context of {@link ChatPolicy#FULL} has the pinned prompt and the summary and
     *         was not cut by the budget: otherwise it would not have measured the whole policy
     */
    private static boolean whole(Context context) {
        return context.systemPrompt().isPresent() && context.summary().isPresent() && !context.totals().overBudget();
    }

    @Override
    OptionalLong durableReads() {
        return durable().map(store -> OptionalLong.of(store.documentsRead())).orElse(OptionalLong.empty());
    }

    @Override
    OptionalLong durableCount(List<SessionId> ids) {
        return durable().map(store -> {
            List<CompletableFuture<Long>> counts = new ArrayList<>(ids.size());
            for (SessionId id : ids) {
                counts.add(store.getSession(new SessionRef(namespace, id))
                        .thenApply(session -> session.map(found -> found.messageCount()).orElse(0L))
                        .toCompletableFuture());
            }
            return OptionalLong.of(counts.stream().mapToLong(Stages::join).sum());
        }).orElse(OptionalLong.empty());
    }

    /** @return the Firestore tier, when the configuration has one */
    private Optional<FirestoreStore> durable() {
        return tiers.stream().filter(FirestoreStore.class::isInstance).map(FirestoreStore.class::cast).findFirst();
    }

    @Override
    public void close() {
        mnemo.close();
    }
}
