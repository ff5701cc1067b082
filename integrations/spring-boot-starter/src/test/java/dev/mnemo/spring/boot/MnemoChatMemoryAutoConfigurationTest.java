package dev.mnemo.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mnemo.BlockingMnemo;
import dev.mnemo.Message;
import dev.mnemo.Mnemo;
import dev.mnemo.SessionId;
import dev.mnemo.Summary;
import dev.mnemo.context.ContextPolicy;
import dev.mnemo.springai.MnemoChatMemory;
import dev.mnemo.springai.UserIdResolver;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.memory.ChatMemoryRepository;
import org.springframework.ai.chat.memory.MessageWindowChatMemory;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.model.chat.memory.autoconfigure.ChatMemoryAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class MnemoChatMemoryAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MnemoAutoConfiguration.class, MnemoChatMemoryAutoConfiguration.class));

    @Test
    void chatMemoryIsMnemosAndStoresInTheMnemoBean() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(ChatMemory.class);
            ChatMemory memory = context.getBean(ChatMemory.class);
            assertThat(memory).isInstanceOf(MnemoChatMemory.class);
            assertThat(((MnemoChatMemory) memory).policy()).isSameAs(MnemoChatMemory.DEFAULT_POLICY);

            memory.add("conv", List.of(new UserMessage("Hi"), new AssistantMessage("Hello")));

            assertThat(context.getBean(Mnemo.class).blocking().history(SessionId.of("conv"), 10).value()).hasSize(2);
        });
    }

    @Test
    void applicationContextPolicyIsUsed() {
        ContextPolicy policy = ContextPolicy.lastMessages(4);
        runner.withBean(ContextPolicy.class, () -> policy)
                .run(context -> assertThat(context.getBean(MnemoChatMemory.class).policy()).isSameAs(policy));
    }

    @Test
    void applicationUserIdResolverOwnsEachConversationsSession() {
        runner.withBean(UserIdResolver.class, () -> conversationId -> conversationId.split(":")[0]).run(context -> {
            context.getBean(ChatMemory.class).add("ada:1", List.of(new UserMessage("Hi")));
            context.getBean(ChatMemory.class).add("anonymous", List.of(new UserMessage("Hi")));

            assertThat(context.getBean(Mnemo.class).blocking().listSessions("ada", 10).value()).hasSize(1);
        });
    }

    @Test
    void withSummariesByTheChatModelTheApplicationsModelWritesThem() {
        List<String> asked = new ArrayList<>();
        ChatModel model = prompt -> {
            asked.add(prompt.getContents());
            return new ChatResponse(List.of(new Generation(new AssistantMessage("Order 42 is late; a refund was asked."))));
        };
        runner.withBean(ChatModel.class, () -> model).withPropertyValues("mnemo.summary.chat-model=true",
                "mnemo.summary.every-messages=0", "mnemo.summary.every-tokens=0", "mnemo.summary.keep-recent=1").run(context -> {
            BlockingMnemo memory = context.getBean(Mnemo.class).blocking();
            SessionId id = SessionId.of("summed");
            memory.openSession(id, null);
            memory.append(id, List.of(Message.user("My order is 42."), Message.assistant("Noted."),
                    Message.user("It is late, refund it."), Message.assistant("Done.")));

            assertThat(memory.summarize(id).map(Summary::text)).contains("Order 42 is late; a refund was asked.");
            assertThat(asked).singleElement().asString().contains("My order is 42.");
        });
    }

    @Test
    void summariesByTheChatModelAreOffByDefaultAndNeedAModel() {
        ChatModel model = prompt -> {
            throw new AssertionError("no summary was asked for");
        };
        runner.withBean(ChatModel.class, () -> model).run(context -> assertThatThrownBy(() -> context.getBean(Mnemo.class)
                .blocking().summarize(SessionId.of("unsummed"))).hasMessageContaining("summarizer"));
        runner.withPropertyValues("mnemo.summary.chat-model=true").run(context -> assertThat(context).hasFailed()
                .getFailure().rootCause().hasMessageContaining("mnemo.summary.chat-model=true needs one ChatModel bean"));
    }

    @Test
    void backsOffWhenTheApplicationDefinesAChatMemory() {
        ChatMemory own = MessageWindowChatMemory.builder().build();
        runner.withBean(ChatMemory.class, () -> own).run(context -> {
            assertThat(context).hasSingleBean(ChatMemory.class).doesNotHaveBean(MnemoChatMemory.class);
            assertThat(context.getBean(ChatMemory.class)).isSameAs(own);
        });
    }

    @Test
    void winsOverSpringAisOwnChatMemoryAutoConfiguration() {
        runner.withConfiguration(AutoConfigurations.of(ChatMemoryAutoConfiguration.class)).run(context -> {
            assertThat(context).hasSingleBean(ChatMemory.class);
            assertThat(context.getBean(ChatMemory.class)).isInstanceOf(MnemoChatMemory.class);
            assertThat(context).hasSingleBean(ChatMemoryRepository.class); // Spring AI's, unused but harmless
        });
    }

    @Test
    void withoutSpringAiOnTheClassPathOnlyMnemoIsConfigured() {
        runner.withClassLoader(new FilteredClassLoader(ChatMemory.class)).run(context -> {
            assertThat(context).hasSingleBean(Mnemo.class);
            assertThat(context).doesNotHaveBean(MnemoChatMemory.class);
        });
    }
}
