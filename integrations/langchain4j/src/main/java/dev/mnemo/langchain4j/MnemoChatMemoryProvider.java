package dev.mnemo.langchain4j;

import dev.langchain4j.memory.chat.ChatMemoryProvider;
import dev.mnemo.Mnemo;
import dev.mnemo.context.ContextPolicy;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A {@link ChatMemoryProvider} for {@code AiServices.chatMemoryProvider(...)}: one
 * {@link MnemoChatMemory} per memory id, all in one Mnemo.
 *
 * <pre>{@code
 * Mnemo mnemo = Mnemo.create();
 * Assistant assistant = AiServices.builder(Assistant.class).chatModel(model)
 *         .chatMemoryProvider(MnemoChatMemoryProvider.of(mnemo)).build();
 * }</pre>
 *
 * <p>Needs {@code dev.langchain4j:langchain4j} (where {@code AiServices} and this interface live) on
 * the class path; {@link MnemoChatMemory} alone needs only {@code langchain4j-core}.
 */
public final class MnemoChatMemoryProvider implements ChatMemoryProvider {

    private final Mnemo mnemo;
    private final ContextPolicy policy;
    private final UserIdResolver userIds;

    private MnemoChatMemoryProvider(Builder builder) {
        this.mnemo = Objects.requireNonNull(builder.mnemo, "mnemo");
        this.policy = builder.policy;
        this.userIds = builder.userIds;
    }

    /**
     * @param mnemo the Mnemo holding the conversations
     * @return a provider of memories with {@link MnemoChatMemory#DEFAULT_POLICY}, anonymous
     */
    public static MnemoChatMemoryProvider of(Mnemo mnemo) {
        return builder().mnemo(mnemo).build();
    }

    /** @return a builder; {@link Builder#mnemo(Mnemo)} is required */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param memoryId the memory id, of any type (see {@link SessionIds})
     * @return a new memory of that id; LangChain4j keeps it for later calls with the same id
     */
    @Override
    public MnemoChatMemory get(Object memoryId) {
        return MnemoChatMemory.builder().mnemo(mnemo).id(memoryId).policy(policy)
                .userId(userIds.userId(memoryId)).build();
    }

    /** Builds a {@link MnemoChatMemoryProvider}. */
    public static final class Builder {
        private @Nullable Mnemo mnemo;
        private ContextPolicy policy = MnemoChatMemory.DEFAULT_POLICY;
        private UserIdResolver userIds = UserIdResolver.ANONYMOUS;

        private Builder() {
        }

        /**
         * @param mnemo the Mnemo holding the conversations, required
         * @return this builder
         */
        public Builder mnemo(Mnemo mnemo) {
            this.mnemo = Objects.requireNonNull(mnemo, "mnemo");
            return this;
        }

        /**
         * @param policy what each memory's {@code messages()} returns, after the system prompt;
         *               default {@link MnemoChatMemory#DEFAULT_POLICY}
         * @return this builder
         */
        public Builder policy(ContextPolicy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * @param userIds the user id each memory's session is opened with, from its memory id;
         *                default {@link UserIdResolver#ANONYMOUS}
         * @return this builder
         */
        public Builder userIds(UserIdResolver userIds) {
            this.userIds = Objects.requireNonNull(userIds, "userIds");
            return this;
        }

        /**
         * @return the provider
         * @throws NullPointerException when no Mnemo was given
         */
        public MnemoChatMemoryProvider build() {
            return new MnemoChatMemoryProvider(this);
        }
    }
}
