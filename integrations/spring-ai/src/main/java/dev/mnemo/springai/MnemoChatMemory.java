package dev.mnemo.springai;

import dev.mnemo.Mnemo;
import dev.mnemo.Role;
import dev.mnemo.SessionId;
import dev.mnemo.SessionNotFoundException;
import dev.mnemo.context.Context;
import dev.mnemo.context.ContextPolicy;
import dev.mnemo.context.SystemPrompt;
import dev.mnemo.spi.support.Deadline;
import dev.mnemo.spi.support.Retries;
import dev.mnemo.spi.support.Stages;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.messages.Message;

/**
 * A Spring AI {@link ChatMemory} backed by Mnemo: each conversation is a Mnemo session (its id
 * mapped by {@link ConversationIds}, its owner given by a {@link UserIdResolver}), every message is
 * appended to the session's full transcript, and {@link #get(String)} returns the context a
 * {@link ContextPolicy} chooses from it.
 *
 * <pre>{@code
 * ChatMemory memory = MnemoChatMemory.builder(mnemo).userIds(conversationId -> ownerOf(conversationId)).build();
 * ChatClient client = ChatClient.builder(chatModel).defaultAdvisors(MnemoAdvisors.memory(memory)).build();
 * }</pre>
 *
 * <p>Unlike a window memory that rewrites the conversation, nothing is ever evicted from the
 * transcript: the policy only chooses what {@code get} returns. Messages map as
 * {@link MessageMapper} describes. System messages are handled as Mnemo's pinned
 * {@link SystemPrompt}: a system message identical (text and metadata) to the pinned prompt is
 * not stored again, since advisors may add it on every turn; a different one is stored and
 * replaces the pinned prompt. {@code get} returns the pinned prompt first (when the policy keeps
 * it), then the rolling summary if the policy chose one, then the messages, leaving out the
 * transcript's older system messages, which the pinned prompt supersedes.
 *
 * <p><b>A retried call.</b> A user message saying the same as the session's latest stored message
 * is the retry of a call whose model never answered (the application called the ChatClient again
 * after a timeout), and is not stored again ({@link Retries}).
 *
 * <p><b>Deadline.</b> Each call, whatever steps it takes, waits at most {@code mnemo.call-timeout}
 * (the Mnemo's {@link dev.mnemo.MnemoConfig#callTimeout()}) and then throws
 * {@link dev.mnemo.StoreTimeoutException}; while a tier is down, Mnemo answers from the others
 * within it. Other failures are thrown as Mnemo's {@link dev.mnemo.MnemoException}s. Thread-safe.
 *
 * <p><b>No turn.</b> Spring AI's memory advisor reads the memory before it adds the user message and
 * compares what it read with the prompt, so the append and the read cannot be one
 * {@code Mnemo.turn} without changing what the advisor sees; each is one round trip.
 */
public final class MnemoChatMemory implements ChatMemory {

    /** How many latest messages {@link #DEFAULT_POLICY} returns: 20, the window of Spring AI's {@code MessageWindowChatMemory}. */
    public static final int DEFAULT_LAST_MESSAGES = 20;

    /**
     * The default policy: the pinned system prompt, the rolling summary when Mnemo has a
     * summarizer (nothing otherwise), and the last {@value #DEFAULT_LAST_MESSAGES} messages.
     */
    public static final ContextPolicy DEFAULT_POLICY = ContextPolicy.systemPrompt()
            .then(ContextPolicy.summary())
            .then(ContextPolicy.lastMessages(DEFAULT_LAST_MESSAGES));

    /** The session metadata key that keeps the Spring AI conversation id. */
    public static final String CONVERSATION_ID = "springAiConversationId";

    private final Mnemo mnemo;
    private final Deadline deadline;
    private final ContextPolicy policy;
    private final UserIdResolver userIds;

    private MnemoChatMemory(Builder builder) {
        this.mnemo = builder.mnemo;
        this.deadline = new Deadline(mnemo.settings().callTimeout());
        this.policy = builder.policy;
        this.userIds = builder.userIds;
    }

    /**
     * @param mnemo the Mnemo the conversations live in; this memory does not close it
     * @return a builder of a memory over {@code mnemo}
     */
    public static Builder builder(Mnemo mnemo) {
        return new Builder(mnemo);
    }

    /** @return the policy {@link #get(String)} reads with */
    public ContextPolicy policy() {
        return policy;
    }

    /**
     * Appends the messages to the conversation's session in one batch, opening the session (owned
     * by the resolved user, with the conversation id in its metadata) on the first add. A repeated
     * system prompt is skipped, a changed one stored and pinned; a retried user message is skipped.
     */
    @Override
    public void add(String conversationId, List<Message> messages) {
        SessionId id = ConversationIds.toSessionId(conversationId);
        List<dev.mnemo.Message> batch = MessageMapper.toMnemo(messages);
        if (!batch.isEmpty()) {
            deadline.await("ChatMemory.add", () -> write(conversationId, id, batch));
        }
    }

    private CompletionStage<Void> write(String conversationId, SessionId id, List<dev.mnemo.Message> batch) {
        CompletionStage<Optional<dev.mnemo.Message>> pinned = batch.stream().noneMatch(message -> message.role() == Role.SYSTEM)
                ? CompletableFuture.completedFuture(Optional.empty())
                : unlessNew(mnemo.state(id), state -> SystemPrompt.in(state.value()));
        List<dev.mnemo.Message> asked = batch.stream().dropWhile(message -> message.role() == Role.SYSTEM).toList();
        CompletionStage<Optional<dev.mnemo.Message>> latest = !Retries.startsWithUserMessage(asked)
                ? CompletableFuture.completedFuture(Optional.empty())
                : unlessNew(mnemo.history(id, 1), history -> history.value().stream().reduce((first, last) -> last));
        return pinned.thenCombine(latest, (prompt, last) -> {
            SystemPrompts prompts = new SystemPrompts(prompt);
            return new Write(prompts, Retries.withoutRetried(prompts.withoutRepeats(batch), last));
        }).thenCompose(write -> write.messages().isEmpty() ? CompletableFuture.completedFuture(null)
                : append(conversationId, id, write.messages()).thenCompose(appended -> write.prompts().replaced()
                        .map(prompt -> mnemo.updateState(id, SystemPrompt.pin(prompt)))
                        .orElseGet(() -> CompletableFuture.completedFuture(null))));
    }

    /** What a write stores, once the pinned prompt and the latest message are known. */
    private record Write(SystemPrompts prompts, List<dev.mnemo.Message> messages) {
    }

    private CompletionStage<?> append(String conversationId, SessionId id, List<dev.mnemo.Message> messages) {
        return mnemo.append(id, messages).exceptionallyCompose(error -> !(Stages.unwrap(error) instanceof SessionNotFoundException)
                ? CompletableFuture.failedFuture(Stages.unwrap(error))
                : mnemo.openSession(id, userIds.userId(conversationId), Map.of(CONVERSATION_ID, conversationId))
                        // the same message objects: their ids make a retry store nothing twice
                        .thenCompose(opened -> mnemo.append(id, messages)));
    }

    /**
     * @return the conversation's context under the policy, mapped to Spring AI messages; empty
     *         for a conversation that has no session
     */
    @Override
    public List<Message> get(String conversationId) {
        SessionId id = ConversationIds.toSessionId(conversationId);
        return deadline.await("ChatMemory.get", () -> unlessNew(mnemo.context(id, policy), context -> Optional.of(messages(context))))
                .orElse(List.of());
    }

    private static List<Message> messages(Context context) {
        Set<UUID> supersededPrompts = context.messages().stream().filter(message -> message.role() == Role.SYSTEM)
                .map(dev.mnemo.Message::id).collect(Collectors.toSet());
        return MessageMapper.toSpringAi(context.prompt().stream()
                .filter(message -> !supersededPrompts.contains(message.id())).toList());
    }

    /** Deletes the conversation's session from every tier: messages, summary and state. */
    @Override
    public void clear(String conversationId) {
        deadline.await("ChatMemory.clear", () -> mnemo.deleteSession(ConversationIds.toSessionId(conversationId)));
    }

    /** @return what {@code read} answers, mapped, or empty when the conversation has no session yet */
    private static <T, R> CompletionStage<Optional<R>> unlessNew(CompletionStage<T> read, Function<T, Optional<R>> mapping) {
        return read.thenApply(mapping).exceptionallyCompose(error -> Stages.unwrap(error) instanceof SessionNotFoundException
                ? CompletableFuture.completedFuture(Optional.empty()) : CompletableFuture.failedFuture(Stages.unwrap(error)));
    }

    /** Builds a {@link MnemoChatMemory}. */
    public static final class Builder {
        private final Mnemo mnemo;
        private ContextPolicy policy = DEFAULT_POLICY;
        private UserIdResolver userIds = UserIdResolver.ANONYMOUS;

        private Builder(Mnemo mnemo) {
            this.mnemo = Objects.requireNonNull(mnemo, "mnemo");
        }

        /**
         * @param policy what {@link MnemoChatMemory#get(String)} returns of a conversation;
         *               default {@link MnemoChatMemory#DEFAULT_POLICY}
         * @return this builder
         */
        public Builder policy(ContextPolicy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * @param userIds the owner each conversation's session is opened with; default
         *                {@link UserIdResolver#ANONYMOUS}
         * @return this builder
         */
        public Builder userIds(UserIdResolver userIds) {
            this.userIds = Objects.requireNonNull(userIds, "userIds");
            return this;
        }

        /** @return the memory */
        public MnemoChatMemory build() {
            return new MnemoChatMemory(this);
        }
    }
}
