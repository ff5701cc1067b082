package dev.mnemo;

/** Who a message is from, in the terms of chat-completion APIs. */
public enum Role {
    /** Instructions to the model. */
    SYSTEM,
    /** The person. */
    USER,
    /** The model; may carry tool calls. */
    ASSISTANT,
    /** The result of one tool call; names the call it answers. */
    TOOL
}
