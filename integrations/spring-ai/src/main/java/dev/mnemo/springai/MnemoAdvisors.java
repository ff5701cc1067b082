package dev.mnemo.springai;

import org.springframework.ai.chat.client.advisor.MessageChatMemoryAdvisor;
import org.springframework.ai.chat.client.advisor.ToolCallingAdvisor;
import org.springframework.ai.chat.memory.ChatMemory;

/**
 * Spring AI's memory advisor in the place where it records a whole conversation.
 *
 * <p>A {@code ChatClient} runs tools in its {@link ToolCallingAdvisor} (order
 * {@link ToolCallingAdvisor#DEFAULT_ORDER}). A {@link MessageChatMemoryAdvisor} at its own default
 * order runs before it, outside the tool loop, and sees only the question and the final answer:
 * every tool call and result is lost to the memory. Ordered just after the tool advisor, inside the
 * loop, it sees each round: the question, each call, each result, the answer; and the model gets
 * the tool rounds of earlier turns back from memory. Requires {@code spring-ai-client-chat} (where
 * {@code ChatClient} lives) on the class path.
 *
 * <pre>{@code
 * ChatClient client = ChatClient.builder(chatModel).defaultAdvisors(MnemoAdvisors.memory(chatMemory)).build();
 * }</pre>
 */
public final class MnemoAdvisors {

    /** The order of {@link #memory}: inside the tool-calling loop, right after {@link ToolCallingAdvisor}. */
    public static final int MEMORY_ORDER = ToolCallingAdvisor.DEFAULT_ORDER + 1;

    private MnemoAdvisors() {
    }

    /**
     * @param memory the chat memory, such as a {@link MnemoChatMemory}
     * @return a {@link MessageChatMemoryAdvisor} over it, ordered {@link #MEMORY_ORDER}, so that it
     *         records tool calls and their results
     */
    public static MessageChatMemoryAdvisor memory(ChatMemory memory) {
        return MessageChatMemoryAdvisor.builder(memory).order(MEMORY_ORDER).build();
    }
}
