package dev.mnemo.examples.agent;

import dev.mnemo.ToolCall;
import dev.mnemo.JsonCodec;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The agent's tools over a pretend file system; deleting needs the user's confirmation. */
final class FileTools {

    /** The tool definitions, as sent to a chat-completions API with each request. */
    static final String DEFINITIONS = """
            [{"type":"function","function":{"name":"read_file","description":"Read a file",
              "parameters":{"type":"object","properties":{"file_path":{"type":"string"}},"required":["file_path"]}}},
             {"type":"function","function":{"name":"delete_file","description":"Delete a file",
              "parameters":{"type":"object","properties":{"file_path":{"type":"string"}},"required":["file_path"]}}}]
            """;

    private static final Set<String> NEED_CONFIRMATION = Set.of("delete_file");

    private final Map<String, String> files = new ConcurrentHashMap<>();

    FileTools(Map<String, String> files) {
        this.files.putAll(files);
    }

    /** @return whether {@code call} may run only after the user confirms it */
    boolean needsConfirmation(ToolCall call) {
        return NEED_CONFIRMATION.contains(call.name());
    }

    /** @return the tool's output for {@code call} */
    String run(ToolCall call) {
        String path = String.valueOf(JsonCodec.read("arguments of " + call.id(), call.arguments(), Map.class)
                .get("file_path"));
        return switch (call.name()) {
            case "read_file" -> files.getOrDefault(path, "No such file: " + path);
            case "delete_file" -> files.remove(path) != null ? "Deleted " + path : "No such file: " + path;
            default -> "Unknown tool " + call.name();
        };
    }

    /** @return whether the pretend file system holds {@code path} */
    boolean exists(String path) {
        return files.containsKey(path);
    }
}
