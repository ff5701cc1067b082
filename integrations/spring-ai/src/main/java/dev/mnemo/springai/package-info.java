/**
 * Mnemo as Spring AI's chat memory: {@link dev.mnemo.springai.MnemoChatMemory} implements
 * {@code org.springframework.ai.chat.memory.ChatMemory} over a Mnemo session per conversation (its
 * owner from a {@link dev.mnemo.springai.UserIdResolver}), {@link dev.mnemo.springai.MnemoAdvisors}
 * puts Spring AI's memory advisor where it records tool calls, {@link dev.mnemo.springai.MessageMapper}
 * maps messages both ways, {@link dev.mnemo.springai.ConversationIds} maps any conversation id to a
 * valid session id, {@link dev.mnemo.springai.ChatModelSummarizer} writes rolling summaries with the
 * application's own model, and {@link dev.mnemo.springai.ChatMemoryRepositoryImporter} imports any
 * {@code ChatMemoryRepository}.
 */
@NullMarked
package dev.mnemo.springai;

import org.jspecify.annotations.NullMarked;
