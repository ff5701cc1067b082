/**
 * Mnemo as LangChain4j chat memory: {@link dev.mnemo.langchain4j.MnemoChatMemory}, its
 * {@link dev.mnemo.langchain4j.MnemoChatMemoryProvider} for {@code AiServices} (each memory id's owner
 * from a {@link dev.mnemo.langchain4j.UserIdResolver}), the message mapping both ways
 * ({@link dev.mnemo.langchain4j.MessageMapping}), the mapping of memory ids to session ids
 * ({@link dev.mnemo.langchain4j.SessionIds}), rolling summaries by the application's own model
 * ({@link dev.mnemo.langchain4j.ChatModelSummarizer}) and the import of any {@code ChatMemoryStore}
 * ({@link dev.mnemo.langchain4j.ChatMemoryStoreImporter}).
 */
@NullMarked
package dev.mnemo.langchain4j;

import org.jspecify.annotations.NullMarked;
