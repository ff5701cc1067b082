package dev.mnemo.examples.chatbot;

import dev.mnemo.AppendResult;
import dev.mnemo.BlockingMnemo;
import dev.mnemo.ConflictException;
import dev.mnemo.InvalidInputException;
import dev.mnemo.Message;
import dev.mnemo.Role;
import dev.mnemo.Session;
import dev.mnemo.SessionId;
import dev.mnemo.SessionNotFoundException;
import dev.mnemo.SessionStatus;
import dev.mnemo.context.Context;
import dev.mnemo.context.ContextPolicy;
import dev.mnemo.examples.llm.ChatModel;
import dev.mnemo.examples.llm.ChatModelException;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The chat, with no HTTP in it. The server keeps nothing between requests itself: the history, the
 * pinned system prompt and the rolling summary all live in Mnemo under the session id, so any
 * instance behind a load balancer can take the next turn (given a shared tier).
 *
 * <p>Every call names the caller, and a session that is not the caller's is answered exactly as one
 * that does not exist ({@link SessionNotFoundException}), so that no caller can learn which ids
 * other users hold.
 */
final class Conversation {

    /** The system prompt every new session starts with; Mnemo pins it. */
    static final String SYSTEM_PROMPT = "You are a friendly assistant. Answer in one or two sentences.";
    /** The metadata key of an answer that names the id of the user message it answers. */
    static final String IN_REPLY_TO = "inReplyTo";

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
     * @param messageId the id of the user's message
     * @param answerId  the id of the stored answer
     * @param answer    the model's answer, as stored
     * @param tier      the tier that acknowledged the stored answer (or, for an answer found again, served it)
     * @param degraded  whether any step of the turn skipped a preferred tier that was down
     */
    record Turn(UUID messageId, UUID answerId, String answer, String tier, boolean degraded) {
    }

    private final BlockingMnemo memory;
    private final ChatModel model;

    Conversation(BlockingMnemo memory, ChatModel model) {
        this.memory = memory;
        this.model = model;
    }

    /** @return the memory the conversation lives in */
    BlockingMnemo memory() {
        return memory;
    }

    /**
     * Opens a new session for {@code userId} under an id nobody can guess, and stores the system prompt.
     *
     * @return its id
     */
    SessionId create(String userId) {
        SessionId id = SessionId.random();
        memory.openSession(id, userId);
        memory.append(id, Message.system(SYSTEM_PROMPT));
        return id;
    }

    /**
     * @return the session, when it exists and belongs to {@code userId}
     * @throws SessionNotFoundException otherwise, the same for a session of another user as for none
     */
    Session owned(SessionId id, String userId) {
        return memory.getSession(id).value().filter(session -> userId.equals(session.userId()))
                .orElseThrow(() -> new SessionNotFoundException(id.value()));
    }

    /**
     * Appends the user's message, asks the model with the context and appends its answer, with the
     * model's metadata, the call's latency for analytics, and the id of the message it answers.
     *
     * @param session the session, as {@link #owned} returned it
     * @param asked   the user's message; appending one whose id is stored already stores nothing
     * @throws ConflictException  when the session has ended: a conversation that ended stays ended here
     * @throws ChatModelException when the model fails or its answer is refused; the user's message
     *                            stays stored, and the next turn sees it
     */
    Turn say(Session session, Message asked) {
        if (session.status() == SessionStatus.ENDED) {
            throw new ConflictException("Session " + session.id().value() + " has ended and takes no more messages");
        }
        SessionId id = session.id();
        AppendResult stored = memory.append(id, asked);
        Context context = memory.context(id, POLICY);
        long started = System.nanoTime();
        Message reply = model.reply(context);
        long llmMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        Message answer;
        AppendResult answered;
        try {
            answer = Message.builder(Role.ASSISTANT).content(reply.content()).metadata(reply.metadata())
                    .metadata("latency", Map.of("llm", llmMillis)).metadata(IN_REPLY_TO, asked.id().toString()).build();
            answered = memory.append(id, answer);
        } catch (InvalidInputException e) {
            // The session and the user's message were good: an answer refused now is the model's
            // fault (over mnemo.max-content-bytes), not the caller's.
            throw new ChatModelException("The model's answer was refused: " + e.getMessage(), e);
        }
        return new Turn(asked.id(), answer.id(), answer.content(), answered.tier(),
                stored.degraded() || context.degraded() || answered.degraded());
    }

    /** @return the context the model would be sent for the session's next turn */
    Context context(SessionId id, String userId) {
        owned(id, userId);
        return memory.context(id, POLICY);
    }

    /** @return {@code true} when this call ended the session, {@code false} when it had already ended */
    boolean end(SessionId id, String userId) {
        owned(id, userId);
        return memory.endSession(id);
    }

    /** Purges the session from every tier. */
    void delete(SessionId id, String userId) {
        owned(id, userId);
        if (!memory.deleteSession(id)) {
            throw new SessionNotFoundException(id.value()); // purged by a concurrent call
        }
    }

    /** @return whether {@code answer} is the stored answer to the user message {@code messageId} */
    static boolean answers(Message answer, UUID messageId) {
        return answer.role() == Role.ASSISTANT && Objects.equals(answer.metadata().get(IN_REPLY_TO), messageId.toString());
    }
}
