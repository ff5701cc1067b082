package dev.mnemo.spring.boot;

import dev.mnemo.Mnemo;
import dev.mnemo.context.ContextPolicy;
import dev.mnemo.springai.MnemoChatMemory;
import dev.mnemo.springai.UserIdResolver;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configures Spring AI's {@link ChatMemory} as a {@link MnemoChatMemory} over the
 * {@link Mnemo} bean, so {@code MessageChatMemoryAdvisor.builder(chatMemory)} stores every
 * conversation in Mnemo. It runs before Spring AI's own {@code ChatMemoryAutoConfiguration}
 * (named, so that jar stays optional), whose in-memory window then backs off; it backs off
 * itself when the application defines a {@code ChatMemory}. What {@code get} returns is
 * {@link MnemoChatMemory#DEFAULT_POLICY} unless the application defines one {@link ContextPolicy} bean;
 * each conversation's session is anonymous unless it defines one {@link UserIdResolver} bean.
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
}
