package dev.mnemo.langchain4j;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.MemoryId;
import dev.langchain4j.service.UserMessage;
import dev.langchain4j.store.memory.chat.ChatMemoryStore;
import dev.mnemo.Mnemo;
import dev.mnemo.MnemoHealth;
import dev.mnemo.context.ContextPolicy;
import dev.mnemo.imports.ImportProgress;
import dev.mnemo.imports.TranscriptImport;
import dev.mnemo.langchain4j.ChatModelSummarizer;
import dev.mnemo.langchain4j.ChatMemoryStoreImporter;
import dev.mnemo.langchain4j.MnemoChatMemoryProvider;
import java.util.List;

/**
 * The Java snippets of the READMEs (this module's and the main README's LangChain4j section), as
 * code the build compiles; {@link ReadmeSnippetsTest} holds the READMEs to it and runs them.
 */
final class ReadmeSnippets {

    /** The application's assistant, one conversation per {@link Chat}. */
    interface Assistant {
        String chat(@MemoryId Chat chat, @UserMessage String message);
    }

    /** A memory id that carries its user. */
    record Chat(String userId, String chatId) {
    }

    record Production(Mnemo mnemo, Assistant assistant, MnemoHealth.Status status) {
    }

    private ReadmeSnippets() {
    }

    static Production production(ChatModel chatModel) {
        Mnemo mnemo = Mnemo.builder().summarizer(ChatModelSummarizer.of(chatModel)).build();
        Assistant assistant = AiServices.builder(Assistant.class).chatModel(chatModel)
                .chatMemoryProvider(MnemoChatMemoryProvider.builder().mnemo(mnemo)
                        .policy(ContextPolicy.summary().then(ContextPolicy.lastMessages(40)).then(ContextPolicy.tokenBudget(8_000)))
                        .userIds(memoryId -> ((Chat) memoryId).userId())
                        .build())
                .build();
        MnemoHealth.Status status = mnemo.blocking().health().status(); // take the instance out only on DOWN
        return new Production(mnemo, assistant, status);
    }

    static ImportProgress importing(Mnemo mnemo, ChatMemoryStore store, List<Chat> memoryIds) {
        TranscriptImport run = TranscriptImport.builder(mnemo, "langchain4j-redis")
                .listener(progress -> System.out.printf("%d conversations, %d messages%n", progress.conversations(), progress.imported()))
                .build();
        ImportProgress done = ChatMemoryStoreImporter.importAll(run, store, memoryId -> ((Chat) memoryId).userId(), memoryIds);
        return done;
    }
}
