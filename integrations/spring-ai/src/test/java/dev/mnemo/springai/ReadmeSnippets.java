package dev.mnemo.springai;

import dev.mnemo.Mnemo;
import dev.mnemo.MnemoHealth;
import dev.mnemo.imports.ImportProgress;
import dev.mnemo.imports.TranscriptImport;
import dev.mnemo.springai.ChatMemoryRepositoryImporter;
import dev.mnemo.springai.ChatModelSummarizer;
import dev.mnemo.springai.MnemoAdvisors;
import dev.mnemo.springai.MnemoChatMemory;
import dev.mnemo.springai.UserIdResolver;
import dev.mnemo.spi.Summarizer;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.memory.ChatMemoryRepository;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.context.annotation.Bean;

/**
 * The Java snippets of the READMEs (this module's and the main README's Spring AI section), as code
 * the build compiles; {@link ReadmeSnippetsTest} holds the READMEs to it and runs them.
 */
final class ReadmeSnippets {

    record Production(Mnemo mnemo, MnemoChatMemory memory, ChatClient client, MnemoHealth.Status status) {
    }

    @Bean
    ChatClient chatClient(ChatClient.Builder builder, ChatMemory chatMemory) {
        return builder.defaultAdvisors(MnemoAdvisors.memory(chatMemory)).build();
    }

    @Bean
    UserIdResolver userIds() {
        return conversationId -> conversationId.split(":")[0];
    }

    @Bean
    Summarizer summarizer(ChatModel chatModel) {
        return ChatModelSummarizer.of(chatModel);
    }

    static Production withoutBoot(ChatModel chatModel) {
        Mnemo mnemo = Mnemo.builder().summarizer(ChatModelSummarizer.of(chatModel)).build(); // tiers from mnemo.* settings
        MnemoChatMemory memory = MnemoChatMemory.builder(mnemo)
                .userIds(conversationId -> conversationId.split(":")[0])
                .build();
        ChatClient client = ChatClient.builder(chatModel).defaultAdvisors(MnemoAdvisors.memory(memory)).build();
        MnemoHealth.Status status = mnemo.blocking().health().status(); // take the instance out only on DOWN
        return new Production(mnemo, memory, client, status);
    }

    static ImportProgress importing(Mnemo mnemo, ChatMemoryRepository repository) {
        TranscriptImport run = TranscriptImport.builder(mnemo, "spring-ai-jdbc")
                .listener(progress -> System.out.printf("%d conversations, %d messages%n", progress.conversations(), progress.imported()))
                .build();
        ImportProgress done = ChatMemoryRepositoryImporter.importAll(run, repository, conversationId -> conversationId.split(":")[0]);
        return done;
    }
}
