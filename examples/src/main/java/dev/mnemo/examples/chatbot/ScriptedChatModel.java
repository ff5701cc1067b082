package dev.mnemo.examples.chatbot;

import dev.mnemo.Message;
import dev.mnemo.Role;
import dev.mnemo.context.Context;
import dev.mnemo.examples.llm.ChatModel;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The chatbot's offline model: it answers from the context it is given by three scripted rules,
 * so what it "remembers" is exactly what Mnemo put in the context (the window, and the rolling
 * summary once older turns are folded into it), and nothing else:
 * <ul>
 *   <li>"... my name is Ada ..." is greeted: {@code Nice to meet you, Ada.}</li>
 *   <li>another question about "my name" is answered from the context:
 *       {@code Your name is Ada.}, or {@code You have not told me your name.}</li>
 *   <li>anything else is echoed (its first 80 characters) with the number of earlier messages
 *       the context holds.</li>
 * </ul>
 */
final class ScriptedChatModel implements ChatModel {

    /** The name the answers carry in their {@code model} metadata. */
    static final String NAME = "scripted";

    /** Echoes quote at most this much of what was said, so an answer never outgrows the question. */
    private static final int QUOTED_CHARS = 80;
    private static final Pattern NAME_GIVEN = Pattern.compile("(?i)\\bmy name is ([\\p{L}'-]+)");

    @Override
    public Message reply(Context context) {
        List<Message> messages = context.messages();
        String said = messages.get(messages.size() - 1).content(); // the user's turn is always last
        Matcher given = NAME_GIVEN.matcher(said);
        String answer;
        if (given.find()) {
            answer = "Nice to meet you, " + given.group(1) + ".";
        } else if (said.toLowerCase(Locale.ROOT).contains("my name")) {
            answer = nameIn(context).map(name -> "Your name is " + name + ".").orElse("You have not told me your name.");
        } else {
            String quoted = said.length() <= QUOTED_CHARS ? said : said.substring(0, QUOTED_CHARS) + "...";
            answer = "You said: \"" + quoted + "\". I can see " + (messages.size() - 1)
                    + " earlier message(s) of this conversation.";
        }
        return Message.builder(Role.ASSISTANT).content(answer).metadata("model", NAME).build();
    }

    /** The last name given anywhere in the context, the summary included. */
    private static Optional<String> nameIn(Context context) {
        Matcher given = NAME_GIVEN.matcher(context.toText());
        String last = null;
        while (given.find()) {
            last = given.group(1);
        }
        return Optional.ofNullable(last);
    }
}
