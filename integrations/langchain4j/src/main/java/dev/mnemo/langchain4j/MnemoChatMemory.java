package dev.mnemo.langchain4j;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.memory.ChatMemory;
import dev.mnemo.Message;
import dev.mnemo.Mnemo;
import dev.mnemo.Role;
import dev.mnemo.Served;
import dev.mnemo.Session;
import dev.mnemo.SessionId;
import dev.mnemo.SessionNotFoundException;
import dev.mnemo.context.Context;
import dev.mnemo.context.ContextPolicy;
import dev.mnemo.context.SystemPrompt;
import dev.mnemo.spi.support.Deadline;
import dev.mnemo.spi.support.Retries;
import dev.mnemo.spi.support.Stages;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

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
 * <p><b>Deadline.</b> Each call, whatever steps it takes, waits at most {@code mnemo.call-timeout}
 * (the Mnemo's {@link dev.mnemo.MnemoConfig#callTimeout()}) and then throws
 * {@link dev.mnemo.StoreTimeoutException}; while a tier is down, Mnemo answers from the others within it.
 *
 * <p><b>A retried call.</b> A user message saying the same as the session's latest stored message
 * is the retry of a call whose model never answered, and is not stored again ({@link Retries}).
 *
 * <p><b>One round trip where AiServices reads right after it writes.</b> AiServices adds its system
 * message and then asks for {@link #messages()}, and does the same after adding a tool round's
 * results. The system message is checked against the prompt pinned in a context read, and tool
 * results are written with {@code Mnemo.turn}; either way the context read answers the
 * {@code messages()} call that comes next on the same thread, within a second (a later one, or one
 * from another thread, reads again).
 *
 * <p><b>System prompt.</b> One equal to the session's pinned prompt (see {@link SystemPrompt}) is
 * not stored again; a different one is appended and pinned in its place, so earlier prompts stay
 * in the transcript but only the current one is returned. The memory always runs
 * {@link ContextPolicy#systemPrompt()} before its policy, so the prompt comes first however old it
 * is, and leaves other system messages of the window out.
 */
public final class MnemoChatMemory implements ChatMemory {

    /** The messages of the default window: {@value}. */
    public static final int DEFAULT_MAX_MESSAGES = 20;

    /** The default policy: the system prompt, then the last {@value #DEFAULT_MAX_MESSAGES} messages. */
    public static final ContextPolicy DEFAULT_POLICY =
            ContextPolicy.systemPrompt().then(ContextPolicy.lastMessages(DEFAULT_MAX_MESSAGES));

    /** How many stored messages are read to find the call of a tool result without an id. */
    private static final int TOOL_CALL_LOOKBACK = 50;
    /** How long a context read by a write may answer the {@code messages()} call after it. */
    private static final long READ_AHEAD_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Object id;
    private final SessionId sessionId;
    private final Mnemo mnemo;
    private final Deadline deadline;
    private final ContextPolicy policy;
    private final @Nullable String userId;
    private final AtomicReference<@Nullable ReadAhead> readAhead = new AtomicReference<>();
    private volatile boolean opened;

    /** A context a write read, for the thread that wrote. */
    private record ReadAhead(Thread thread, long readAt, List<ChatMessage> messages) {
        boolean answers(Thread caller) {
            return thread == caller && System.nanoTime() - readAt < READ_AHEAD_NANOS;
        }
    }

    private MnemoChatMemory(Builder builder) {
        this.id = builder.id;
        this.sessionId = SessionIds.of(builder.id);
        this.mnemo = Objects.requireNonNull(builder.mnemo, "mnemo");
        this.deadline = new Deadline(mnemo.settings().callTimeout());
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
        List<ChatMessage> batch = list(messages);
        if (batch.isEmpty()) {
            return;
        }
        readAhead.set(null);
        deadline.await("ChatMemory.add", () -> inSession(() -> write(batch)))
                .ifPresent(read -> readAhead.set(new ReadAhead(Thread.currentThread(), System.nanoTime(), read)));
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
        List<ChatMessage> wanted = list(messages);
        if (wanted.isEmpty()) {
            throw new IllegalArgumentException("messages must not be empty");
        }
        readAhead.set(null);
        deadline.await("ChatMemory.set", () -> inSession(() -> read().thenCompose(held -> {
            List<ChatMessage> missing = new ArrayList<>(wanted);
            missing.removeIf(new ArrayList<>(held)::remove);
            return missing.isEmpty() ? CompletableFuture.completedFuture(Optional.empty()) : write(missing);
        })));
    }

    /** @return the context the policy chooses, as LangChain4j messages, the system prompt first */
    @Override
    public List<ChatMessage> messages() {
        ReadAhead ahead = readAhead.getAndSet(null);
        if (ahead != null && ahead.answers(Thread.currentThread())) {
            return ahead.messages();
        }
        return deadline.await("ChatMemory.messages", () -> inSession(this::read));
    }

    /** Deletes the session from every Mnemo tier; the next use opens a new, empty one. */
    @Override
    public void clear() {
        readAhead.set(null);
        opened = false;
        deadline.await("ChatMemory.clear", () -> mnemo.deleteSession(sessionId));
    }

    private CompletionStage<List<ChatMessage>> read() {
        return mnemo.context(sessionId, policy).thenApply(MnemoChatMemory::messages);
    }

    /** @return the context read in the same round trip as the write, when it read one */
    private CompletionStage<Optional<List<ChatMessage>>> write(List<ChatMessage> batch) {
        if (batch.size() == 1 && batch.get(0) instanceof SystemMessage system) {
            return mnemo.context(sessionId, policy).thenCompose(context -> {
                Optional<String> pinned = context.state().flatMap(SystemPrompt::in).map(Message::content);
                return pinned.equals(Optional.of(system.text()))
                        ? CompletableFuture.completedFuture(Optional.of(messages(context))) : store(batch, pinned);
            });
        }
        CompletionStage<Optional<String>> pinned = batch.stream().noneMatch(SystemMessage.class::isInstance)
                ? CompletableFuture.completedFuture(Optional.empty())
                : mnemo.state(sessionId).thenApply(state -> SystemPrompt.in(state.value()).map(Message::content));
        return pinned.thenCompose(prompt -> store(batch, prompt));
    }

    private CompletionStage<Optional<List<ChatMessage>>> store(List<ChatMessage> batch, Optional<String> pinned) {
        List<ChatMessage> changed = withoutRepeatedPrompts(batch, pinned.orElse(null));
        int lookback = MessageMapping.needsStored(changed) ? TOOL_CALL_LOOKBACK
                : !changed.isEmpty() && changed.get(0) instanceof UserMessage ? 1 : 0;
        CompletionStage<List<Message>> recent = lookback == 0 ? CompletableFuture.completedFuture(List.of())
                : mnemo.history(sessionId, lookback).thenApply(Served::value);
        return recent.thenCompose(stored -> {
            List<Message> mapped = Retries.withoutRetried(MessageMapping.toMnemo(changed, () -> stored),
                    stored.isEmpty() ? Optional.empty() : Optional.of(stored.get(stored.size() - 1)));
            boolean prompts = mapped.stream().anyMatch(message -> message.role() == Role.SYSTEM);
            if (mapped.isEmpty()) {
                return CompletableFuture.completedFuture(Optional.empty());
            } else if (!prompts && mapped.get(mapped.size() - 1).role() == Role.TOOL) {
                return mnemo.turn(sessionId, mapped, policy).thenApply(turn -> Optional.of(messages(turn.context())));
            }
            // Mnemo pins only a session's first prompt; a changed one is pinned here, as counted at append.
            return mnemo.append(sessionId, mapped).thenCompose(result -> result.messages().stream()
                    .filter(message -> message.role() == Role.SYSTEM).reduce((first, last) -> last)
                    .map(latest -> mnemo.updateState(sessionId, SystemPrompt.pin(latest)))
                    .orElseGet(() -> CompletableFuture.completedFuture(null)))
                    .thenApply(done -> Optional.empty());
        });
    }

    /** @return {@code batch} without the system messages that repeat the prompt in force before them */
    private static List<ChatMessage> withoutRepeatedPrompts(List<ChatMessage> batch, @Nullable String pinned) {
        List<ChatMessage> changed = new ArrayList<>(batch.size());
        String prompt = pinned;
        for (ChatMessage message : batch) {
            if (message instanceof SystemMessage system) {
                if (system.text().equals(prompt)) {
                    continue;
                }
                prompt = system.text();
            }
            changed.add(message);
        }
        return changed;
    }

    private static List<ChatMessage> messages(Context context) {
        int head = (context.systemPrompt().isPresent() ? 1 : 0) + (context.summary().isPresent() ? 1 : 0);
        List<Message> prompt = context.prompt();
        List<ChatMessage> messages = new ArrayList<>(prompt.size());
        for (int i = 0; i < prompt.size(); i++) {
            if (i < head || prompt.get(i).role() != Role.SYSTEM) {
                messages.add(MessageMapping.toLangChain4j(prompt.get(i)));
            }
        }
        return messages;
    }

    /** Runs {@code action} with the session open, opening it again once if it has gone. */
    private <T> CompletionStage<T> inSession(Supplier<CompletionStage<T>> action) {
        CompletionStage<T> first = opened ? Stages.call(action) : open().thenCompose(session -> action.get());
        return first.exceptionallyCompose(error -> Stages.unwrap(error) instanceof SessionNotFoundException
                ? open().thenCompose(session -> action.get()) : CompletableFuture.failedFuture(Stages.unwrap(error)));
    }

    private CompletionStage<Session> open() {
        return mnemo.openSession(sessionId, userId).thenApply(session -> {
            opened = true;
            return session;
        });
    }

    private static List<ChatMessage> list(Iterable<ChatMessage> messages) {
        List<ChatMessage> list = new ArrayList<>();
        Objects.requireNonNull(messages, "messages").forEach(message -> list.add(Objects.requireNonNull(message, "message")));
        return list;
    }

    /** Builds a {@link MnemoChatMemory}. */
    public static final class Builder {
        private @Nullable Mnemo mnemo;
        private Object id = "default";
        private ContextPolicy policy = DEFAULT_POLICY;
        private @Nullable String userId;

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
        public Builder userId(@Nullable String userId) {
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
