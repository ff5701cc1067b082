package dev.mnemo.langchain4j;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.memory.ChatMemory;
import dev.mnemo.AppendResult;
import dev.mnemo.BlockingMnemo;
import dev.mnemo.Message;
import dev.mnemo.Mnemo;
import dev.mnemo.Role;
import dev.mnemo.SessionId;
import dev.mnemo.SessionNotFoundException;
import dev.mnemo.context.Context;
import dev.mnemo.context.ContextPolicy;
import dev.mnemo.context.SystemPrompt;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A LangChain4j {@link ChatMemory} whose conversation is a Mnemo session.
 *
 * <p>Every {@link #add} is one Mnemo append of the new messages only, never a rewrite of the
 * conversation; the whole transcript stays in Mnemo ({@code messagesAfter} pages through it) while
 * {@link #messages()} returns what a {@link ContextPolicy} chooses, mapped by {@link MessageMapping}:
 * the current system prompt first, then the rolling summary if the policy keeps one (as a second
 * system message), then the window. The session, {@link SessionIds#of(Object)} of the memory id, is
 * opened (got or created, with the user id if one is set) on first use, and again if it has gone
 * (expired, or deleted elsewhere). Thread-safe: concurrent writers, in this process or others,
 * each append and lose nothing.
 *
 * <p><b>System prompt.</b> LangChain4j adds the system message before every call. One equal to
 * the session's pinned prompt (see {@link SystemPrompt}) is not stored again; a different one is
 * appended and pinned in its place, so earlier prompts stay in the transcript but only the current
 * one is returned. The memory always runs {@link ContextPolicy#systemPrompt()} before its policy,
 * so the prompt comes first however old it is, and leaves other system messages of the window out.
 */
public final class MnemoChatMemory implements ChatMemory {

    /** The messages of the default window: {@value}. */
    public static final int DEFAULT_MAX_MESSAGES = 20;

    /** The default policy: the system prompt, then the last {@value #DEFAULT_MAX_MESSAGES} messages. */
    public static final ContextPolicy DEFAULT_POLICY =
            ContextPolicy.systemPrompt().then(ContextPolicy.lastMessages(DEFAULT_MAX_MESSAGES));

    /** How many stored messages are read to find the call of a tool result without an id. */
    private static final int TOOL_CALL_LOOKBACK = 50;

    private final Object id;
    private final SessionId sessionId;
    private final BlockingMnemo mnemo;
    private final ContextPolicy policy;
    private final String userId;
    private volatile boolean opened;

    private MnemoChatMemory(Builder builder) {
        this.id = builder.id;
        this.sessionId = SessionIds.of(builder.id);
        this.mnemo = Objects.requireNonNull(builder.mnemo, "mnemo").blocking();
        this.policy = ContextPolicy.systemPrompt().then(builder.policy);
        this.userId = builder.userId;
    }

    /** @return a builder; {@link Builder#mnemo(Mnemo)} is required */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the memory id this memory was built with */
    @Override
    public Object id() {
        return id;
    }

    /** @return the Mnemo session of this memory: {@link SessionIds#of(Object)} of {@link #id()} */
    public SessionId sessionId() {
        return sessionId;
    }

    /** Appends {@code message} in one Mnemo append; a system message equal to the pinned prompt is skipped. */
    @Override
    public void add(ChatMessage message) {
        add(List.of(Objects.requireNonNull(message, "message")));
    }

    /** Appends {@code messages} in one Mnemo append, in order; see {@link #add(ChatMessage)}. */
    @Override
    public void add(Iterable<ChatMessage> messages) {
        List<ChatMessage> batch = new ArrayList<>();
        Objects.requireNonNull(messages, "messages").forEach(batch::add);
        if (!batch.isEmpty()) {
            inSession(() -> append(batch));
        }
    }

    /**
     * Mnemo's transcript is append-only, so this never removes or rewrites a stored message: it
     * appends, in one append and in their order, those of {@code messages} that {@link #messages()}
     * does not already return (compared with {@code equals}, each returned message matching once).
     * A changed system message replaces the pinned prompt, as in {@link #add(ChatMessage)}; a
     * message given in place of another (LangChain4j rewrites a tool result it compensates) is
     * appended after the others. To start over, {@link #clear()} first.
     *
     * @param messages the messages the memory should hold; not empty
     */
    @Override
    public void set(Iterable<ChatMessage> messages) {
        List<ChatMessage> missing = new ArrayList<>();
        Objects.requireNonNull(messages, "messages").forEach(missing::add);
        if (missing.isEmpty()) {
            throw new IllegalArgumentException("messages must not be empty");
        }
        List<ChatMessage> held = new ArrayList<>(messages());
        missing.removeIf(held::remove);
        add(missing);
    }

    /** @return the context the policy chooses, as LangChain4j messages, the system prompt first */
    @Override
    public List<ChatMessage> messages() {
        return inSession(() -> {
            Context context = mnemo.context(sessionId, policy);
            int head = (context.systemPrompt().isPresent() ? 1 : 0) + (context.summary().isPresent() ? 1 : 0);
            List<Message> prompt = context.prompt();
            List<ChatMessage> messages = new ArrayList<>(prompt.size());
            for (int i = 0; i < prompt.size(); i++) {
                if (i < head || prompt.get(i).role() != Role.SYSTEM) {
                    messages.add(MessageMapping.toLangChain4j(prompt.get(i)));
                }
            }
            return messages;
        });
    }

    /** Deletes the session from every Mnemo tier; the next use opens a new, empty one. */
    @Override
    public void clear() {
        opened = false;
        mnemo.deleteSession(sessionId);
    }

    private Void append(List<ChatMessage> batch) {
        List<ChatMessage> changed = new ArrayList<>(batch.size());
        String prompt = null;
        boolean promptRead = false;
        for (ChatMessage message : batch) {
            if (message instanceof SystemMessage system) {
                if (!promptRead) {
                    prompt = SystemPrompt.in(mnemo.state(sessionId).value()).map(Message::content).orElse(null);
                    promptRead = true;
                }
                if (system.text().equals(prompt)) {
                    continue;
                }
                prompt = system.text();
            }
            changed.add(message);
        }
        if (!changed.isEmpty()) {
            AppendResult result = mnemo.append(sessionId,
                    MessageMapping.toMnemo(changed, () -> mnemo.history(sessionId, TOOL_CALL_LOOKBACK).value()));
            // Mnemo pins only a session's first prompt; a changed one is pinned here, as counted at append.
            result.messages().stream().filter(message -> message.role() == Role.SYSTEM).reduce((first, last) -> last)
                    .ifPresent(latest -> mnemo.updateState(sessionId, SystemPrompt.pin(latest)));
        }
        return null;
    }

    /** Runs {@code action} with the session open, opening it again once if it has gone. */
    private <T> T inSession(Supplier<T> action) {
        if (!opened) {
            open();
        }
        try {
            return action.get();
        } catch (SessionNotFoundException e) {
            open();
            return action.get();
        }
    }

    private void open() {
        mnemo.openSession(sessionId, userId);
        opened = true;
    }

    /** Builds a {@link MnemoChatMemory}. */
    public static final class Builder {
        private Mnemo mnemo;
        private Object id = "default";
        private ContextPolicy policy = DEFAULT_POLICY;
        private String userId;

        private Builder() {
        }

        /**
         * @param mnemo the Mnemo holding the conversation, required
         * @return this builder
         */
        public Builder mnemo(Mnemo mnemo) {
            this.mnemo = Objects.requireNonNull(mnemo, "mnemo");
            return this;
        }

        /**
         * @param id the memory id, of any type (see {@link SessionIds}); default {@code "default"}
         * @return this builder
         */
        public Builder id(Object id) {
            this.id = Objects.requireNonNull(id, "id");
            return this;
        }

        /**
         * @param policy what {@link #messages()} returns, run after {@link ContextPolicy#systemPrompt()};
         *               default {@link #DEFAULT_POLICY}
         * @return this builder
         */
        public Builder policy(ContextPolicy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * @param userId the owner the session is opened with; default none (anonymous)
         * @return this builder
         */
        public Builder userId(String userId) {
            this.userId = userId;
            return this;
        }

        /**
         * @return the memory; nothing is read or written until its first use
         * @throws NullPointerException when no Mnemo was given
         */
        public MnemoChatMemory build() {
            return new MnemoChatMemory(this);
        }
    }
}
