package dev.mnemo.benchmarks;

import dev.mnemo.Message;
import dev.mnemo.Summary;
import dev.mnemo.spi.TokenCounter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * The messages of the benchmark: turns of a chat, a user question (about 150 to 300 characters)
 * then an assistant answer (about 400 to 900), drawn from fixed pools so that every run sends the
 * same text. Timed appends carry no token count, so Mnemo counts them as it would in production;
 * seeded messages carry the count of their pool text, counted once here.
 */
final class Conversation {

    private static final int POOL = 64;
    private static final String[] WORDS = ("the session context window message summary token model answer question "
            + "memory tier redis firestore latency cache order invoice customer refund shipment account password "
            + "reset billing plan upgrade trial support ticket agent tool search result document policy weather "
            + "flight booking hotel city price date time please thanks could would should which because").split(" ");

    private final String[] questions = new String[POOL];
    private final String[] answers = new String[POOL];
    private final int[] questionTokens = new int[POOL];
    private final int[] answerTokens = new int[POOL];
    private final String summaryText;
    private final int summaryTokens;

    /** @param counter counts each pool text once, for the seeded messages */
    Conversation(TokenCounter counter) {
        Random random = new Random(42);
        for (int i = 0; i < POOL; i++) {
            questions[i] = sentence(random, 150 + random.nextInt(150)) + "?";
            answers[i] = sentence(random, 400 + random.nextInt(500)) + ".";
            questionTokens[i] = counter.count(questions[i]);
            answerTokens[i] = counter.count(answers[i]);
        }
        summaryText = "The user and the assistant discussed " + sentence(random, 600) + ".";
        summaryTokens = counter.count(summaryText);
    }

    /** @return the message of turn {@code turn} (user on even turns), with no token count */
    Message uncounted(long turn) {
        int index = (int) ((turn / 2) % POOL);
        return turn % 2 == 0 ? Message.user(questions[index]) : Message.assistant(answers[index]);
    }

    /** @return the message of turn {@code turn}, with its token count */
    Message counted(long turn) {
        int index = (int) ((turn / 2) % POOL);
        return turn % 2 == 0 ? Message.user(questions[index]).withTokens(questionTokens[index])
                : Message.assistant(answers[index]).withTokens(answerTokens[index]);
    }

    /** @return {@code count} counted messages, oldest first, with increasing ids */
    List<Message> history(int count) {
        List<Message> messages = new ArrayList<>(count);
        for (int turn = 0; turn < count; turn++) {
            messages.add(counted(turn));
        }
        return messages;
    }

    /** @return a first rolling summary covering messages up to {@code coversUpTo} */
    Summary summary(UUID coversUpTo) {
        return new Summary(summaryText, coversUpTo, summaryTokens, 1);
    }

    private static String sentence(Random random, int length) {
        StringBuilder text = new StringBuilder(length + 16);
        while (text.length() < length) {
            if (text.length() > 0) {
                text.append(' ');
            }
            text.append(WORDS[random.nextInt(WORDS.length)]);
        }
        text.setCharAt(0, Character.toUpperCase(text.charAt(0)));
        return text.toString();
    }
}
