package dev.mnemo.examples.chatbot;

import dev.mnemo.AppendResult;
import dev.mnemo.BlockingMnemo;
import dev.mnemo.InvalidInputException;
import dev.mnemo.Message;
import dev.mnemo.Role;
import dev.mnemo.ConflictException;
import dev.mnemo.Session;
import dev.mnemo.SessionStatus;
import dev.mnemo.SessionId;
import dev.mnemo.context.Context;
import dev.mnemo.context.ContextPolicy;
import dev.mnemo.examples.llm.ChatModel;
import dev.mnemo.examples.llm.ChatModelException;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One chat turn, with no HTTP in it: the server keeps nothing between requests itself; the
 * history, the pinned system prompt and the rolling summary all live in Mnemo under the session id,
 * so any instance behind a load balancer can take the next turn (given a shared tier).
 */
final class Conversation {

    /** The system prompt appended as the first message of every new session; Mnemo pins it. */
    static final String SYSTEM_PROMPT = "You are a friendly assistant. Answer in one or two sentences.";

    /**
     * What the model sees each turn, and what {@code GET /sessions/{id}/context} shows: the
     * pinned system prompt, the rolling summary (when a summarizer has made one), the last 20
     * messages after it, all fitted to 8,000 tokens from the counts stored at append.
     */
    static final ContextPolicy POLICY = ContextPolicy.systemPrompt()
            .then(ContextPolicy.summary())
            .then(ContextPolicy.lastMessages(20))
            .then(ContextPolicy.tokenBudget(8_000));

    /**
     * What a turn produced.
     *
     * @param answer   the model's answer, as stored
     * @param tier     the tier that acknowledged the stored answer
     * @param degraded whether any step of the turn skipped a preferred tier that was down
     */
    record Turn(String answer, String tier, boolean degraded) {
    }

    private final BlockingMnemo memory;
    private final ChatModel model;

    Conversation(BlockingMnemo memory, ChatModel model) {
        this.memory = memory;
        this.model = model;
    }

    /**
     * Opens the session if needed, appends the user's message, asks the model with the context
     * and appends its answer, with the model's metadata and the call's latency for analytics.
     *
     * @param userId the owner, or {@code null} for an anonymous session; another user's session
     *               is refused with {@link dev.mnemo.ConflictException}
     * @throws ChatModelException when the model fails or its answer is refused; the user's
     *                            message stays stored, and the next turn sees it
     */
    Turn say(SessionId id, String userId, String content) {
        // An ended conversation stays ended here (409); opening it would reopen it.
        if (memory.getSession(id).map(found -> found.status() == SessionStatus.ENDED).orElse(false)) {
            throw new ConflictException("Session " + id.value() + " has ended and takes no more messages");
        }
        Session session = memory.openSession(id, userId); // get-or-create
        Message user = Message.user(content);
        AppendResult asked = session.messageCount() == 0
                ? memory.append(id, Message.system(SYSTEM_PROMPT), user) // one write for a new session
                : memory.append(id, user);
        Context context = memory.context(id, POLICY);
        long started = System.nanoTime();
        Message reply = model.reply(context);
        long llmMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        AppendResult answered;
        try {
            answered = memory.append(id, Message.builder(Role.ASSISTANT).content(reply.content())
                    .metadata(reply.metadata()).metadata("latency", Map.of("llm", llmMillis)).build());
        } catch (InvalidInputException e) {
            // The id and the session were good for the user's message: an answer refused now is
            // the model's fault (over mnemo.max-content-bytes), not the caller's.
            throw new ChatModelException("The model's answer was refused: " + e.getMessage(), e);
        }
        return new Turn(reply.content(), answered.tier(), asked.degraded() || context.degraded() || answered.degraded());
    }

    /** @return the context the model would be sent for the session's next turn */
    Context context(SessionId id) {
        return memory.context(id, POLICY);
    }

    /** @return {@code true} when this call ended the session, {@code false} when it had already ended */
    boolean end(SessionId id) {
        return memory.endSession(id);
    }

    /** @return {@code true} when the session existed and is now purged from every tier */
    boolean delete(SessionId id) {
        return memory.deleteSession(id);
    }
}
