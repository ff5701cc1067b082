package dev.mnemo.internal;

import dev.mnemo.spi.BatchWriter;
import java.util.List;
import java.util.UUID;

/**
 * What the durable tier did with one append's messages, which commits of the {@link DurableFlusher}
 * may have carried together with others'.
 *
 * @param appended     how many of them were new
 * @param messageCount the session's message count after the last commit that held one
 * @param tokenCount   its token count then
 */
record DurableCommit(int appended, long messageCount, long tokenCount) {

    /** @return the outcome of the messages {@code ids}, each stored by the commit in {@code stored} at its index */
    static DurableCommit of(List<UUID> ids, List<BatchWriter.Stored> stored) {
        int appended = 0;
        long messages = 0;
        long tokens = 0;
        for (int i = 0; i < ids.size(); i++) {
            BatchWriter.Stored part = stored.get(i);
            appended += part.created().contains(ids.get(i)) ? 1 : 0;
            if (part.messageCount() >= messages) {
                messages = part.messageCount();
                tokens = part.tokenCount();
            }
        }
        return new DurableCommit(appended, messages, tokens);
    }
}
