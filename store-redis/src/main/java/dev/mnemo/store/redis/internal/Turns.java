package dev.mnemo.store.redis.internal;

import dev.mnemo.Message;
import dev.mnemo.spi.AppendOutcome;
import dev.mnemo.spi.SessionRef;
import dev.mnemo.spi.Turn;
import dev.mnemo.spi.Window;
import dev.mnemo.spi.support.Limits;
import dev.mnemo.spi.support.Stages;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A turn in one round trip: the append script and the window's reads are written back to back on
 * the one connection, so Redis runs the reads right after the script and both answer in one round
 * trip (reading inside the script would cost the server more: a script copies every reply into Lua
 * and back). A window that does not reach the newest message appended (its script was sent again
 * after a lost script cache, or waited for the first check of the eviction policy) is read again.
 */
public final class Turns {

    private final Appends appends;
    private final SessionReads reads;

    /**
     * @param appends the appends
     * @param reads   the window reads
     */
    public Turns(Appends appends, SessionReads reads) {
        this.appends = appends;
        this.reads = reads;
    }

    /**
     * @param journaled whether the append is journaled, as {@link Appends#append} journals it
     * @return the append's outcome and the window read after it
     */
    public CompletionStage<Turn> turn(SessionRef ref, List<Message> messages, int k, boolean withState,
                                      boolean journaled) {
        return Stages.call(() -> {
            Limits.requireMessages(ref, messages);
            Limits.requirePositive("k", k);
            CompletableFuture<AppendOutcome> appended = appends.append(ref, messages, journaled).toCompletableFuture();
            CompletableFuture<Window> read = reads.window(ref, k, withState).toCompletableFuture();
            UUID newest = messages.stream().map(Message::id).max(Message::compareIds).orElseThrow();
            return appended.thenCompose(outcome -> read.handle((window, error) -> error == null && reaches(window, newest)
                    ? CompletableFuture.completedFuture(window) : reads.window(ref, k, withState))
                    .thenCompose(window -> window).thenApply(window -> new Turn(outcome, window)));
        });
    }

    /** @return whether {@code window} was read after {@code newest} was stored: its last message is that one or newer */
    private static boolean reaches(Window window, UUID newest) {
        List<Message> messages = window.messages();
        return !messages.isEmpty() && Message.compareIds(messages.get(messages.size() - 1).id(), newest) >= 0;
    }
}
