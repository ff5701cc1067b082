package dev.mnemo.internal;

import dev.mnemo.Message;
import dev.mnemo.MnemoHealth;
import dev.mnemo.Served;
import dev.mnemo.Session;
import dev.mnemo.Summary;
import dev.mnemo.spi.AppendOutcome;
import dev.mnemo.spi.MemoryStore;
import dev.mnemo.spi.SessionChange;
import dev.mnemo.spi.SessionRef;
import dev.mnemo.spi.Window;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/** Sends each call of {@link dev.mnemo.Mnemo} to the tiers that should take it; see {@link TieredRouter}. */
public interface Router extends AutoCloseable {

    /** Pages the whole transcript from the tier of record, with what is on its way to it merged in. */
    CompletionStage<Served<List<Message>>> messagesAfter(SessionRef ref, @Nullable UUID afterId, int limit);

    /** Lists a user's sessions from the tier of record, with those the hot tier has that it lacks yet. */
    CompletionStage<Served<List<Session>>> listSessions(String namespace, String userId, int limit);

    /** Runs a read on the tier of record, or the next one that answers. */
    <T> CompletionStage<Served<T>> read(Function<MemoryStore, CompletionStage<T>> read);

    /**
     * Runs a read of one session on the hot tier first; the durable tier answers on a miss
     * ({@code miss} says which answers are one), then the hot tier is warmed.
     */
    <T> CompletionStage<Served<T>> readHot(SessionRef ref, Function<MemoryStore, CompletionStage<T>> read, Predicate<T> miss);

    /** Applies a session change (open, state, metadata, end) to every tier, journaled where the hot tier keeps a journal. */
    <T> CompletionStage<Served<T>> write(SessionChange<T> change);

    /** Appends messages whose tokens are counted. */
    CompletionStage<Served<AppendOutcome>> append(SessionRef ref, List<Message> messages);

    /**
     * A chatbot turn: appends as {@link #append} does, and reads what a context needs after it, in
     * one round trip to the hot tier where it allows.
     */
    CompletionStage<TurnAnswer> turn(SessionRef ref, List<Message> messages, int k, boolean withState);

    /**
     * What a turn answers.
     *
     * @param appended what the append stored, acknowledged by the tier the write mode says
     * @param window   the window read after it, with the tier that served it
     */
    record TurnAnswer(Served<AppendOutcome> appended, Served<Window> window) {
    }

    /** Reads what a context needs, with the state when asked: the hot tier first, in one round trip where it allows. */
    CompletionStage<Served<Window>> readWindow(SessionRef ref, int k, boolean withState);

    /** Replaces the summary on the tier of record by compare-and-set, then copies it to the others. */
    CompletionStage<Served<Boolean>> compareAndSetSummary(SessionRef ref, long expectedVersion, Summary summary);

    /** Purges a session everywhere, dropping its queued writes first so none can bring it back. */
    CompletionStage<Served<Boolean>> deleteSession(SessionRef ref);

    /** Purges a user's sessions everywhere; with the hot tier's journal it is final while the durable tier is out. */
    CompletionStage<Served<Integer>> deleteUser(String namespace, String userId);

    /** @return the sessions the shared journal holds entries of, due first first; none without a shared journal */
    CompletionStage<List<dev.mnemo.spi.DurableJournal.SessionBacklog>> journal(String namespace, int limit);

    /**
     * Applies now every purge the durable tier has not taken yet: before data purged during an
     * outage is imported again, so the late purge cannot delete what was imported.
     *
     * @return completes once none is left; fails while the durable tier is out
     */
    CompletionStage<Void> settlePurges();

    /** @return the tiers in record order (durable first), each behind its resilience wrapper when there are several */
    List<MemoryStore> tiers();

    /** @return the status of the whole, each tier's health, and what waits for the durable tier */
    CompletionStage<MnemoHealth> health();

    /** Sends what waits for the durable tier, within the configured time, and closes every tier. */
    @Override
    void close();
}
