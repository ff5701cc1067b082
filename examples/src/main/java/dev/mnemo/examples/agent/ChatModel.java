package dev.mnemo.examples.agent;

import dev.mnemo.Message;
import dev.mnemo.context.Context;

/** The LLM as the agent sees it: the context in, the next assistant message out. */
@FunctionalInterface
interface ChatModel {

    /**
     * A real implementation posts {@code context.toOpenAiJson()} as the {@code messages} of a
     * chat-completions request, with the tool definitions, and turns the reply into a message.
     *
     * @param context what Mnemo chose to send
     * @return the assistant's answer or tool calls
     */
    Message reply(Context context);
}
