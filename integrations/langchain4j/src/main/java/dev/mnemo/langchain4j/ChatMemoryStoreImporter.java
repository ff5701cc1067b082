package dev.mnemo.langchain4j;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.store.memory.chat.ChatMemoryStore;
import dev.mnemo.imports.ImportProgress;
import dev.mnemo.imports.TranscriptImport;
import java.util.List;
import java.util.Objects;

/**
 * Moves conversations from any LangChain4j {@link ChatMemoryStore} (its in-memory store, the Redis
 * one, a JDBC one of your own) into Mnemo, each memory id into its {@link SessionIds} session,
 * mapped as {@link MessageMapping} maps (tool calls and results kept with their ids).
 *
 * <pre>{@code
 * TranscriptImport run = TranscriptImport.builder(mnemo, "langchain4j")
 *         .listener(progress -> log.info("{} conversations, {} messages", progress.conversations(), progress.imported()))
 *         .build();
 * ImportProgress done = ChatMemoryStoreImporter.importAll(run, store, memoryId -> ownerOf(memoryId), memoryIds);
 * }</pre>
 *
 * <p>A store cannot list its memory ids, so they are given. Idempotent and resumable, as
 * {@link TranscriptImport} is: running it twice stores nothing twice, a run that stopped (a crash,
 * a tier down) continues where it stopped when run again, and messages added to a memory since are
 * imported after the others. A conversation whose store dropped its oldest messages since an
 * earlier run (a window memory over the store) is refused and listed, never stored twice. The
 * store is only read.
 */
public final class ChatMemoryStoreImporter {

    private ChatMemoryStoreImporter() {
    }

    /**
     * Imports the conversations of {@code memoryIds}, one after the other.
     *
     * @param run       the run they are imported in, with its batch size and progress listener
     * @param store     where the conversations are now
     * @param userIds   the owner of each imported session, as the memories that use it afterwards
     *                  resolve it ({@link UserIdResolver#ANONYMOUS} for none)
     * @param memoryIds the memory ids whose conversations to import
     * @return where the run stands after them: conversations done, messages stored and found already
     *         stored, refusals
     * @throws dev.mnemo.MnemoException when a tier fails; run it again to continue
     */
    public static ImportProgress importAll(TranscriptImport run, ChatMemoryStore store, UserIdResolver userIds,
                                           Iterable<?> memoryIds) {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(userIds, "userIds");
        for (Object memoryId : memoryIds) {
            List<ChatMessage> messages = store.getMessages(memoryId);
            run.conversation(memoryId.toString(), SessionIds.of(memoryId), userIds.userId(memoryId), messages,
                    (source, ids) -> MessageMapping.toMnemo(source, List::of, position -> ids.of(position, 0)));
        }
        return run.progress();
    }
}
