package dev.mnemo.spi;

import dev.mnemo.Message;
import dev.mnemo.ToolCall;

/**
 * Counts tokens in one encoding. Mnemo counts each message once, when it is appended, and
 * stores the count with it; context policies then add stored counts and never re-tokenize.
 */
public interface TokenCounter {

    /** @return the encoding's name, such as {@code o200k_base} */
    String encoding();

    /** @return the number of tokens in {@code text}; special tokens are counted as ordinary text */
    int count(String text);

    /**
     * The tokens a message's own text takes: its content, name, and each tool call's name and
     * arguments. The per-message overhead of a chat format is added by the context, not here.
     *
     * @return the message's token count
     */
    default int count(Message message) {
        int tokens = count(message.content());
        if (message.name() != null) {
            tokens += count(message.name());
        }
        for (ToolCall call : message.toolCalls()) {
            tokens += count(call.name()) + count(call.arguments());
        }
        return tokens;
    }
}
