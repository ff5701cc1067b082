package dev.mnemo.spring.boot;

import dev.mnemo.Mnemo;
import dev.mnemo.context.ContextPolicy;
import dev.mnemo.spi.Summarizer;
import dev.mnemo.spring.boot.internal.StarterKeys;
import dev.mnemo.springai.ChatModelSummarizer;
import dev.mnemo.springai.MnemoChatMemory;
import dev.mnemo.springai.UserIdResolver;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;

/**
 * Auto-configures Spring AI's {@link ChatMemory} as a {@link MnemoChatMemory} over the
 * {@link Mnemo} bean, so {@code MessageChatMemoryAdvisor.builder(chatMemory)} stores every
 * conversation in Mnemo. It runs before Spring AI's own {@code ChatMemoryAutoConfiguration}
 * (named, so that jar stays optional), whose in-memory window then backs off; it backs off
 * itself when the application defines a {@code ChatMemory}. What {@code get} returns is
 * {@link MnemoChatMemory#DEFAULT_POLICY} unless the application defines one {@link ContextPolicy} bean;
 * each conversation's session is anonymous unless it defines one {@link UserIdResolver} bean.
 *
 * <p>With {@code mnemo.summary.chat-model=true} and no {@link Summarizer} bean, the application's
 * {@link ChatModel} writes the rolling summaries ({@link ChatModelSummarizer}); start-up fails when
 * there is no single {@code ChatModel} to use.
 */
@AutoConfiguration(after = MnemoAutoConfiguration.class,
        beforeName = "org.springframework.ai.model.chat.memory.autoconfigure.ChatMemoryAutoConfiguration")
@ConditionalOnClass({ChatMemory.class, MnemoChatMemory.class})
@ConditionalOnBean(Mnemo.class)
public class MnemoChatMemoryAutoConfiguration {

    /**
     * @param mnemo  where the conversations live
     * @param policy the application's {@link ContextPolicy}, used when it defines exactly one
     * @param users  the application's {@link UserIdResolver}, used when it defines exactly one
     * @return the chat memory over {@code mnemo}
     */
    @Bean
    @ConditionalOnMissingBean(ChatMemory.class)
    public MnemoChatMemory mnemoChatMemory(Mnemo mnemo, ObjectProvider<ContextPolicy> policy,
                                           ObjectProvider<UserIdResolver> users) {
        MnemoChatMemory.Builder builder = MnemoChatMemory.builder(mnemo);
        policy.ifUnique(builder::policy);
        users.ifUnique(builder::userIds);
        return builder.build();
    }

    /**
     * Runs before the application's customizers, so one of them may still replace the summarizer.
     *
     * @param models      the application's chat model, which must be unique
     * @param summarizers the application's own summarizer, which wins when there is one
     * @return the customizer that gives Mnemo a summarizer over the chat model
     */
    @Bean
    @Order(0)
    @ConditionalOnProperty(name = "mnemo.summary.chat-model", havingValue = "true")
    public MnemoBuilderCustomizer mnemoChatModelSummarizer(ObjectProvider<ChatModel> models,
                                                           ObjectProvider<Summarizer> summarizers) {
        return builder -> {
            if (summarizers.getIfUnique() == null) {
                ChatModel model = models.getIfUnique();
                if (model == null) {
                    throw new IllegalStateException(StarterKeys.SUMMARY_CHAT_MODEL.name()
                            + "=true needs one ChatModel bean (or a @Primary one), found none or several");
                }
                builder.summarizer(ChatModelSummarizer.of(model));
            }
        };
    }
}
