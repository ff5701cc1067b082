/**
 * Mnemo as LangChain4j chat memory: {@link dev.mnemo.langchain4j.MnemoChatMemory}, its
 * {@link dev.mnemo.langchain4j.MnemoChatMemoryProvider} for {@code AiServices}, the message
 * mapping both ways ({@link dev.mnemo.langchain4j.MessageMapping}) and the mapping of memory ids
 * to session ids ({@link dev.mnemo.langchain4j.SessionIds}).
 */
@NullMarked
package dev.mnemo.langchain4j;

import org.jspecify.annotations.NullMarked;
