package dev.mnemo.springai;

import dev.mnemo.BlockingMnemo;
import dev.mnemo.Mnemo;
import dev.mnemo.Role;
import dev.mnemo.SessionId;
import dev.mnemo.SessionNotFoundException;
import dev.mnemo.context.Context;
import dev.mnemo.context.ContextPolicy;
import dev.mnemo.context.SystemPrompt;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.MessageType;

/**
 * A Spring AI {@link ChatMemory} backed by Mnemo: each conversation is a Mnemo session (its id
 * mapped by {@link ConversationIds}), every message is appended to the session's full
 * transcript, and {@link #get(String)} returns the context a {@link ContextPolicy} chooses from it.
 *
 * <pre>{@code
 * ChatMemory memory = MnemoChatMemory.builder(mnemo)
 *         .policy(ContextPolicy.systemPrompt().then(ContextPolicy.lastMessages(40)))
 *         .build();
 * ChatClient client = ChatClient.builder(chatModel)
 *         .defaultAdvisors(MessageChatMemoryAdvisor.builder(memory).build())
 *         .build();
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
 * <p>Thread-safe. Calls block on Mnemo and throw its {@link dev.mnemo.MnemoException}s.
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

    private final BlockingMnemo mnemo;
    private final ContextPolicy policy;

    private MnemoChatMemory(Builder builder) {
        this.mnemo = builder.mnemo.blocking();
        this.policy = builder.policy;
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
     * Appends the messages to the conversation's session in one batch, opening the session
     * (anonymous, with the conversation id in its metadata) on the first add. A repeated system
     * prompt is skipped; a changed one is stored and pinned.
     */
    @Override
    public void add(String conversationId, List<Message> messages) {
        SessionId id = ConversationIds.toSessionId(conversationId);
        SystemPrompts prompts = new SystemPrompts(pinnedPrompt(id, messages));
        List<dev.mnemo.Message> batch = prompts.withoutRepeats(MessageMapper.toMnemo(messages));
        if (batch.isEmpty()) {
            return;
        }
        try {
            mnemo.append(id, batch);
        } catch (SessionNotFoundException firstAdd) {
            mnemo.openSession(id, null, Map.of("springAiConversationId", conversationId));
            mnemo.append(id, batch); // the same message objects: ids make a retry store nothing twice
        }
        prompts.replaced().ifPresent(prompt -> mnemo.updateState(id, SystemPrompt.pin(prompt)));
    }

    /** The pinned prompt, read only when the batch has a system message; empty for a new session. */
    private Optional<dev.mnemo.Message> pinnedPrompt(SessionId id, List<Message> messages) {
        if (messages.stream().noneMatch(message -> message.getMessageType() == MessageType.SYSTEM)) {
            return Optional.empty();
        }
        try {
            return SystemPrompt.in(mnemo.state(id).value());
        } catch (SessionNotFoundException newSession) {
            return Optional.empty();
        }
    }

    /**
     * @return the conversation's context under the policy, mapped to Spring AI messages; empty
     *         for a conversation that has no session
     */
    @Override
    public List<Message> get(String conversationId) {
        Context context;
        try {
            context = mnemo.context(ConversationIds.toSessionId(conversationId), policy);
        } catch (SessionNotFoundException unknown) {
            return List.of();
        }
        Set<UUID> supersededPrompts = context.messages().stream().filter(message -> message.role() == Role.SYSTEM)
                .map(dev.mnemo.Message::id).collect(Collectors.toSet());
        return MessageMapper.toSpringAi(context.prompt().stream()
                .filter(message -> !supersededPrompts.contains(message.id())).toList());
    }

    /** Deletes the conversation's session from every tier: messages, summary and state. */
    @Override
    public void clear(String conversationId) {
        mnemo.deleteSession(ConversationIds.toSessionId(conversationId));
    }

    /** Builds a {@link MnemoChatMemory}. */
    public static final class Builder {
        private final Mnemo mnemo;
        private ContextPolicy policy = DEFAULT_POLICY;

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

        /** @return the memory */
        public MnemoChatMemory build() {
            return new MnemoChatMemory(this);
        }
    }
}
