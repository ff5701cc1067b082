package dev.mnemo.store.redis.internal;

import dev.mnemo.Message;
import dev.mnemo.Session;
import dev.mnemo.SessionNotFoundException;
import dev.mnemo.State;
import dev.mnemo.Summary;
import dev.mnemo.spi.SessionRef;
import dev.mnemo.spi.Window;
import dev.mnemo.spi.support.Limits;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The reads of a session's hot keys: its meta hash, summary, messages and state. What can be read
 * together is sent in one write ({@link Pipeline}), and the messages and summaries decoded lately
 * are kept by their text ({@link DecodeCache}), so a chat's next read decodes only what is new.
 */
public final class SessionReads {

    private final Calls calls;
    private final Keys keys;
    private final StateAccess state;
    private final Owners owners;
    private final DecodeCache<Message> decoded = new DecodeCache<>();
    private final DecodeCache<Summary> summaries = new DecodeCache<>();

    /**
     * @param calls  how calls run
     * @param keys   the key layout
     * @param state  the state hashes
     * @param owners the owners this process knows, so a state read asks for the {@code user:} state at once
     */
    public SessionReads(Calls calls, Keys keys, StateAccess state, Owners owners) {
        this.calls = calls;
        this.keys = keys;
        this.state = state;
        this.owners = owners;
    }

    /** @return the session, read from its meta hash; empty when there is none */
    public CompletionStage<Optional<Session>> session(SessionRef ref) {
        String meta = keys.session(ref).meta();
        return calls.call(redis -> Errors.at(meta, redis.hgetall(meta))
                .thenApply(fields -> fields.isEmpty() ? Optional.empty() : Optional.of(Records.session(ref, meta, fields))));
    }

    /** @return the summary, read with whether the session exists, in one round trip */
    public CompletionStage<Optional<Summary>> summary(SessionRef ref) {
        Keys.SessionKeys session = keys.session(ref);
        Pipeline reads = new Pipeline();
        CompletableFuture<Long> exists = reads.exists(session.meta());
        CompletableFuture<String> summary = reads.get(session.summary());
        return calls.read(reads, () -> {
            if (exists.join() == 0) {
                throw new SessionNotFoundException(ref.toString());
            }
            return Records.summary(session.summary(), summary.join(), summaries);
        });
    }

    /** @return the state: read with the meta hash in one round trip when this process knows the session's owner */
    public CompletionStage<State> state(SessionRef ref) {
        Keys.SessionKeys session = keys.session(ref);
        Pipeline reads = new Pipeline();
        CompletableFuture<Map<String, String>> meta = reads.hgetall(session.meta());
        StateAccess.StateRead stateRead = state.read(reads, ref, owners);
        return calls.read(reads, () -> Records.session(ref, session.meta(), requireMeta(ref, meta)))
                .thenCompose(found -> calls.call(redis -> stateRead.finish(redis, ref, found.userId(), owners)));
    }

    /**
     * Reads the counters, the summary, the last {@code k} messages and, when asked, the state in one
     * write ({@link Pipeline}): one round trip (two the first time this process reads the state of a
     * session with an owner, see {@link Owners}), and a tenth of the server's CPU that the same reads
     * cost in a script, which copies every reply into Lua and back (about 36 us against 4 us for a
     * window of 20 messages of 600 bytes). The reads are not atomic and need not be: Redis runs them
     * in this order, so the messages are at least as new as the counters, and a window never misses
     * a message its counters include.
     */
    public CompletionStage<Window> window(SessionRef ref, int k, boolean withState) {
        Keys.SessionKeys session = keys.session(ref);
        Pipeline reads = new Pipeline();
        CompletableFuture<Map<String, String>> meta = reads.hgetall(session.meta());
        CompletableFuture<String> summary = reads.get(session.summary());
        CompletableFuture<List<String>> messages = reads.lrange(session.msgs(), -k, -1);
        StateAccess.StateRead stateRead = withState ? state.read(reads, ref, owners) : null;
        CompletionStage<Window> window = calls.read(() -> Limits.requirePositive("k", k), reads, () -> new Window(
                Records.session(ref, session.meta(), requireMeta(ref, meta)),
                Records.summary(session.summary(), summary.join(), summaries),
                Records.messages(session.msgs(), messages.join(), decoded), Optional.empty()));
        if (stateRead == null) {
            return window;
        }
        return window.thenCompose(read -> calls.call(redis -> stateRead.finish(redis, ref, read.session().userId(), owners)
                .thenApply(found -> new Window(read.session(), read.summary(), read.messages(), Optional.of(found)))));
    }

    /** @return the last {@code k} messages, oldest first */
    public CompletionStage<List<Message>> last(SessionRef ref, int k) {
        return messages(ref, "k", k, List.of("last", Integer.toString(k)));
    }

    /** @return up to {@code limit} messages after {@code afterId} (from the first when {@code null}), oldest first */
    public CompletionStage<List<Message>> after(SessionRef ref, UUID afterId, int limit) {
        return messages(ref, "limit", limit, List.of("after", Integer.toString(limit),
                afterId == null ? "" : afterId.toString()));
    }

    /** Runs {@link Script#MESSAGES} once {@code count}, named {@code what}, is checked. */
    private CompletionStage<List<Message>> messages(SessionRef ref, String what, int count, List<String> args) {
        return calls.call(() -> Limits.requirePositive(what, count), redis -> {
            Keys.SessionKeys session = keys.session(ref);
            return Script.MESSAGES.run(redis, session, args)
                    .thenApply(reply -> Records.messages(session.msgs(), reply.require(ref).texts(1), decoded));
        });
    }

    private static Map<String, String> requireMeta(SessionRef ref, CompletableFuture<Map<String, String>> meta) {
        if (meta.join().isEmpty()) {
            throw new SessionNotFoundException(ref.toString());
        }
        return meta.join();
    }
}
