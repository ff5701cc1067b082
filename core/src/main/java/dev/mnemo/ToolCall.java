package dev.mnemo;

import dev.mnemo.spi.support.Ids;
import java.util.Objects;

/**
 * One tool call requested by an assistant message.
 *
 * @param id        the call's id, echoed by the TOOL message that answers it
 * @param name      the tool's name
 * @param arguments the arguments as a JSON text, usually an object
 */
public record ToolCall(String id, String name, String arguments) {

    /** @throws InvalidInputException when a part is missing or the arguments are not JSON */
    public ToolCall {
        Ids.check("tool call id", id, 256);
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("Tool call '" + id + "' has no tool name");
        }
        Objects.requireNonNull(arguments, "arguments");
        JsonCodec.requireJson("arguments of tool call '" + id + "'", arguments);
    }
}
