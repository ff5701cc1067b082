package dev.mnemo.spi.support;

import dev.mnemo.Message;
import dev.mnemo.Role;
import java.util.List;
import java.util.Optional;

/**
 * How a framework adapter recognises the input of a retried call, so that it is stored once.
 *
 * <p>A framework builds a new message object for every call, so a new message id too: when its
 * model times out and the application makes the same call again, the user message comes a second
 * time under another id. The rule: a batch whose first message is a USER message saying the same
 * as the session's latest stored message (role, content, name, tool calls, tool-call id and
 * metadata alike; id, time and token count aside) is a retry, and that message is not stored
 * again.
 *
 * <p>Why it never drops a genuine repeat: a user who says "yes" twice says it after two answers,
 * and an answer is then the latest stored message, so the rule does not apply. It applies only
 * when the same question is the last thing stored with nothing after it, which means the model
 * never answered it: the earlier call failed. Storing it twice would show the model, on every
 * later turn, a question asked twice in a row that it answered once. The same holds for the same
 * text sent again by hand after a failure, which is a retry in all but name. Two calls that send
 * the same text at the same moment (two browser tabs) store it once and both answers.
 */
public final class Retries {

    private Retries() {
    }

    /**
     * @param batch  the messages a framework call is about to append, in order
     * @param latest the session's latest stored message, if any
     * @return {@code batch} without its first message when that message is a retry of {@code latest}
     *         (see the class comment), else {@code batch}
     */
    public static List<Message> withoutRetried(List<Message> batch, Optional<Message> latest) {
        if (!startsWithUserMessage(batch) || latest.isEmpty() || !batch.get(0).sameContentAs(latest.get())) {
            return batch;
        }
        return batch.subList(1, batch.size());
    }

    /** @return whether the batch of a call starts with a USER message, the only kind {@link #withoutRetried} may drop */
    public static boolean startsWithUserMessage(List<Message> batch) {
        return !batch.isEmpty() && batch.get(0).role() == Role.USER;
    }
}
