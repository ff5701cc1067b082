package dev.mnemo.spi;

import dev.mnemo.Message;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * A capability of a durable tier (see {@link MemoryStore#capability}): it stores the messages of
 * several sessions in one commit, within limits it states, so that a journal drains at the tier's
 * pace in as few commits as its limits allow.
 */
public interface BatchWriter {

    /**
     * @return the size of the message's record by the tier's rules, in bytes
     * @throws dev.mnemo.InvalidInputException when the tier could never store it (such as a
     *                                        Firestore document over 1 MiB); called before an
     *                                        append is acknowledged, so nothing is stored then
     */
    long weigh(SessionRef ref, Message message);

    /** @return the most writes one commit takes: one per new message and one per session */
    int maxWrites();

    /** @return the most bytes, as {@link #weigh} counts them, one commit carries */
    long maxBytes();

    /**
     * Stores each session's messages in one commit, skipping those already stored. The caller keeps
     * the batch within {@link #maxWrites()} and {@link #maxBytes()}. Messages are stored whatever
     * the session's status: they were acknowledged while it was active.
     *
     * @param batches messages by session
     * @return what each session holds afterwards; a session the tier does not hold is absent and
     *         none of its messages is stored
     */
    CompletionStage<Map<SessionRef, Stored>> appendAll(Map<SessionRef, List<Message>> batches);

    /**
     * What one session's part of a commit did.
     *
     * @param created      the ids that were new
     * @param messageCount the session's message count afterwards
     * @param tokenCount   the session's token count afterwards
     */
    record Stored(Set<UUID> created, long messageCount, long tokenCount) {

        /** Copies the set. */
        public Stored {
            created = Set.copyOf(created);
        }
    }
}
