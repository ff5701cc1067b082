package dev.mnemo.examples.llm;

import dev.mnemo.Message;
import dev.mnemo.context.Context;

/**
 * The LLM as the examples see it: the context Mnemo chose in, the next assistant message out.
 * The agent loop and the chatbot backend each have a scripted implementation that runs
 * offline; {@link OpenAiChatModel} calls an OpenAI-compatible server.
 */
@FunctionalInterface
public interface ChatModel {

    /**
     * Answers one turn. A real implementation posts {@code context.toOpenAiMessages()} as the
     * {@code messages} of a chat-completions request (with the tool definitions, when there are
     * tools) and turns the reply into a message.
     *
     * @param context what Mnemo chose to send
     * @return the assistant's answer or tool calls; its metadata (such as {@code model}) is
     *         stored with it and feeds the session's analytics
     * @throws ChatModelException when the model cannot answer
     */
    Message reply(Context context);
}
