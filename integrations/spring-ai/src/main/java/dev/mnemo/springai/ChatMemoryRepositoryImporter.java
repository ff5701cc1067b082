package dev.mnemo.springai;

import dev.mnemo.imports.ImportProgress;
import dev.mnemo.imports.TranscriptImport;
import java.util.Objects;
import org.springframework.ai.chat.memory.ChatMemoryRepository;

/**
 * Moves conversations from any Spring AI {@link ChatMemoryRepository} (the in-memory one, JDBC,
 * Cassandra, Neo4j...) into Mnemo, each conversation into its {@link ConversationIds} session,
 * mapped as {@link MessageMapper} maps: tool calls and each tool response kept, where the
 * repository kept them (Spring AI's JDBC repository keeps only each message's type and text).
 *
 * <pre>{@code
 * TranscriptImport run = TranscriptImport.builder(mnemo, "spring-ai-jdbc")
 *         .listener(progress -> log.info("{} conversations, {} messages", progress.conversations(), progress.imported()))
 *         .build();
 * ImportProgress done = ChatMemoryRepositoryImporter.importAll(run, repository, conversationId -> ownerOf(conversationId));
 * }</pre>
 *
 * <p>Idempotent and resumable, as {@link TranscriptImport} is: running it twice stores nothing
 * twice, a run that stopped (a crash, a tier down) continues where it stopped when run again, and
 * messages added to a conversation since are imported after the others. A conversation whose
 * repository dropped its oldest messages since an earlier run (a window memory over it) is refused
 * and listed, never stored twice. The repository is only read.
 */
public final class ChatMemoryRepositoryImporter {

    private ChatMemoryRepositoryImporter() {
    }

    /**
     * Imports every conversation the repository lists, one after the other.
     *
     * @param run        the run they are imported in, with its batch size and progress listener
     * @param repository where the conversations are now
     * @param userIds    the owner of each imported session, as the memory that uses it afterwards
     *                   resolves it ({@link UserIdResolver#ANONYMOUS} for none)
     * @return where the run stands after them: conversations done, messages stored and found
     *         already stored, refusals
     * @throws dev.mnemo.MnemoException when a tier fails; run it again to continue
     */
    public static ImportProgress importAll(TranscriptImport run, ChatMemoryRepository repository, UserIdResolver userIds) {
        return importAll(run, repository, userIds, repository.findConversationIds());
    }

    /**
     * Imports the conversations of {@code conversationIds}, one after the other.
     *
     * @see #importAll(TranscriptImport, ChatMemoryRepository, UserIdResolver)
     */
    public static ImportProgress importAll(TranscriptImport run, ChatMemoryRepository repository, UserIdResolver userIds,
                                           Iterable<String> conversationIds) {
        Objects.requireNonNull(userIds, "userIds");
        for (String conversationId : conversationIds) {
            run.conversation(conversationId, ConversationIds.toSessionId(conversationId), userIds.userId(conversationId),
                    repository.findByConversationId(conversationId), (source, ids) -> MessageMapper.toMnemo(source, ids::of));
        }
        return run.progress();
    }
}
