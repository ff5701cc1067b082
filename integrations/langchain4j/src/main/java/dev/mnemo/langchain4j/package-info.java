/**
 * Mnemo as LangChain4j chat memory: {@link dev.mnemo.langchain4j.MnemoChatMemory}, its
 * {@link dev.mnemo.langchain4j.MnemoChatMemoryProvider} for {@code AiServices}, the message
 * mapping both ways ({@link dev.mnemo.langchain4j.MessageMapping}) and the mapping of memory ids
 * to session ids ({@link dev.mnemo.langchain4j.SessionIds}).
 *
 * <p>Null-safety: parameters and return values are non-null unless their Javadoc says otherwise.
 */
package dev.mnemo.langchain4j;
