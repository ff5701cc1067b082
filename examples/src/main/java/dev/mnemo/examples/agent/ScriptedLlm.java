package dev.mnemo.examples.agent;

import dev.mnemo.Message;
import dev.mnemo.Role;
import dev.mnemo.context.Context;
import dev.mnemo.examples.llm.ChatModel;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stands in for the LLM so the example runs offline with a fixed output: it answers from the
 * context it is given by a few scripted rules, so what it "remembers" is exactly what Mnemo put
 * in the context, and nothing else.
 */
final class ScriptedLlm implements ChatModel {

    private static final Pattern FILE = Pattern.compile("([\\w.-]+\\.txt)");
    private static final Pattern DELETE_CALL = Pattern.compile("delete_file\\(\\{\"file_path\":\"([^\"]+)\"}\\)");

    private int calls;

    @Override
    public Message reply(Context context) {
        List<Message> messages = context.messages();
        Message last = messages.get(messages.size() - 1);
        if (last.role() == Role.TOOL) {
            return Message.assistant(last.content().startsWith("Deleted") ? last.content() + ". Anything else?"
                    : "Here is what it says: " + last.content().lines().findFirst().orElse(""));
        }
        String text = last.content().toLowerCase(Locale.ROOT);
        Matcher file = FILE.matcher(last.content());
        if (text.startsWith("summarize") && file.find()) {
            return call("read_file", file.group(1));
        }
        if (text.startsWith("delete") && file.find()) {
            return call("delete_file", file.group(1));
        }
        if (text.contains("ask you to delete")) {
            Matcher earlier = DELETE_CALL.matcher(context.toText());
            return Message.assistant(earlier.find() ? "You asked me to delete " + earlier.group(1) + "."
                    : "I have no record of that in this conversation.");
        }
        return Message.assistant("How can I help?");
    }

    private Message call(String tool, String path) {
        return Message.builder(Role.ASSISTANT).toolCall("call-" + (++calls), tool, "{\"file_path\":\"" + path + "\"}").build();
    }
}
