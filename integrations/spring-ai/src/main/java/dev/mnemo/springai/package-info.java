/**
 * Mnemo as Spring AI's chat memory: {@link dev.mnemo.springai.MnemoChatMemory} implements
 * {@code org.springframework.ai.chat.memory.ChatMemory} over a Mnemo session per conversation,
 * {@link dev.mnemo.springai.MessageMapper} maps messages both ways and
 * {@link dev.mnemo.springai.ConversationIds} maps any conversation id to a valid session id.
 *
 */
@NullMarked
package dev.mnemo.springai;

import org.jspecify.annotations.NullMarked;
