package dev.mnemo.springai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mnemo.AppendResult;
import dev.mnemo.Mnemo;
import dev.mnemo.MnemoConfig;
import dev.mnemo.Role;
import dev.mnemo.SessionId;
import dev.mnemo.context.ContextPolicy;
import dev.mnemo.spi.SessionListener;
import dev.mnemo.spi.SessionRef;
import dev.mnemo.testkit.SilentTier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.ToolResponseMessage.ToolResponse;
import org.springframework.ai.chat.messages.UserMessage;

class MnemoChatMemoryTest {

    private final List<AppendResult> appends = new CopyOnWriteArrayList<>();
    private final Mnemo mnemo = Mnemo.builder().ephemeral().listener(new SessionListener() {
        @Override
        public CompletionStage<Void> appended(SessionRef ref, AppendResult result) {
            appends.add(result);
            return CompletableFuture.completedFuture(null);
        }
    }).build();
    private final MnemoChatMemory memory = MnemoChatMemory.builder(mnemo).build();

    @AfterEach
    void close() {
        mnemo.close();
    }

    private List<dev.mnemo.Message> transcript(String conversationId) {
        return mnemo.blocking().messagesAfter(ConversationIds.toSessionId(conversationId), null, 1_000).value();
    }

    @Test
    void aUserMessageAddedAgainBeforeAnyReplyIsARetryStoredOnceAndAfterAReplyItIsHeardAgain() {
        memory.add("retry", List.of(new UserMessage("yes")));
        memory.add("retry", List.of(new UserMessage("yes"))); // the same call again: its model never answered
        memory.add("retry", List.of(new AssistantMessage("Booked.")));
        memory.add("retry", List.of(new UserMessage("yes"))); // said again, after an answer

        assertThat(transcript("retry")).extracting(dev.mnemo.Message::content).containsExactly("yes", "Booked.", "yes");
    }

    @Test
    void everyCallEndsAtTheCallDeadlineWhenNoTierAnswers() {
        Duration deadline = Duration.ofMillis(300);
        try (Mnemo silent = Mnemo.builder().tiers(SilentTier.create())
                .settings(MnemoConfig.builder().callTimeout(deadline).build()).build()) {
            MnemoChatMemory frozen = MnemoChatMemory.builder(silent).build();

            SilentTier.assertEndsAtDeadline(deadline, () -> frozen.add("c", List.of(new SystemMessage("Be terse."))));
            SilentTier.assertEndsAtDeadline(deadline, () -> frozen.add("c", List.of(new UserMessage("Anyone?"))));
            SilentTier.assertEndsAtDeadline(deadline, () -> frozen.get("c"));
            SilentTier.assertEndsAtDeadline(deadline, () -> frozen.clear("c"));
        }
    }

    @Test
    void unknownConversationIsEmpty() {
        assertThat(memory.get("never-seen")).isEmpty();
    }

    @Test
    void firstAddOpensTheSessionAndStoresTheBatchInOneAppend() {
        memory.add("chat-1", List.of(new UserMessage("Hi"), new AssistantMessage("Hello!")));

        assertThat(appends).hasSize(1);
        assertThat(appends.get(0).appended()).isEqualTo(2);
        assertThat(mnemo.blocking().getSession(SessionId.of("chat-1")).value()).isPresent();
        assertThat(memory.get("chat-1")).containsExactly(new UserMessage("Hi"), new AssistantMessage("Hello!"));
    }

    @Test
    void conversationIdThatIsNotASessionIdWorksAndIsKeptInSessionMetadata() {
        memory.add("user 7 / chat", List.of(new UserMessage("Hi")));

        assertThat(memory.get("user 7 / chat")).containsExactly(new UserMessage("Hi"));
        assertThat(mnemo.blocking().getSession(ConversationIds.toSessionId("user 7 / chat")).value().orElseThrow().metadata())
                .containsEntry("springAiConversationId", "user 7 / chat");
    }

    @Test
    void repeatedIdenticalSystemMessageIsStoredOnce() {
        memory.add("c", List.of(new SystemMessage("Be brief."), new UserMessage("one")));
        memory.add("c", List.of(new SystemMessage("Be brief."), new UserMessage("two")));

        assertThat(transcript("c")).filteredOn(message -> message.role() == Role.SYSTEM).hasSize(1);
        assertThat(memory.get("c")).containsExactly(new SystemMessage("Be brief."), new UserMessage("one"),
                new UserMessage("two"));
    }

    @Test
    void changedSystemMessageReplacesThePinnedPromptAndTheOldOneIsNotReturned() {
        memory.add("c", List.of(new SystemMessage("Be brief."), new UserMessage("one")));
        memory.add("c", List.of(new SystemMessage("Answer in French."), new UserMessage("two")));

        assertThat(memory.get("c")).containsExactly(new SystemMessage("Answer in French."), new UserMessage("one"),
                new UserMessage("two"));
        assertThat(transcript("c")).extracting(dev.mnemo.Message::content)
                .containsExactly("Be brief.", "one", "Answer in French.", "two");
    }

    @Test
    void changedSystemMessageInTheFirstBatchWinsOverTheFirstOne() {
        memory.add("c", List.of(new SystemMessage("draft"), new SystemMessage("final"), new UserMessage("go")));

        assertThat(memory.get("c").get(0)).isEqualTo(new SystemMessage("final"));
    }

    @Test
    void batchOfOnlyARepeatedSystemMessageAppendsNothing() {
        memory.add("c", List.of(new SystemMessage("Be brief.")));
        memory.add("c", List.of(new SystemMessage("Be brief.")));

        assertThat(appends).hasSize(1);
    }

    @Test
    void systemPromptStaysFirstWhenItIsOlderThanTheWindow() {
        MnemoChatMemory small = MnemoChatMemory.builder(mnemo)
                .policy(ContextPolicy.systemPrompt().then(ContextPolicy.lastMessages(2))).build();
        small.add("c", List.of(new SystemMessage("Be brief.")));
        for (int i = 0; i < 10; i++) {
            small.add("c", List.of(new UserMessage("q" + i), new AssistantMessage("a" + i)));
        }

        assertThat(small.get("c")).containsExactly(new SystemMessage("Be brief."), new UserMessage("q9"),
                new AssistantMessage("a9"));
        assertThat(transcript("c")).hasSize(21);
    }

    @Test
    void toolCallAndItsResultsComeBackTogether() {
        AssistantMessage call = AssistantMessage.builder().content("").toolCalls(List.of(
                new AssistantMessage.ToolCall("call_1", "function", "weather", "{\"city\":\"Paris\"}"),
                new AssistantMessage.ToolCall("call_2", "function", "weather", "{\"city\":\"Rome\"}"))).build();
        ToolResponseMessage results = ToolResponseMessage.builder().responses(List.of(
                new ToolResponse("call_1", "weather", "18°C"), new ToolResponse("call_2", "weather", "24°C"))).build();

        memory.add("c", List.of(new UserMessage("Paris or Rome?"), call, results, new AssistantMessage("Rome.")));

        assertThat(memory.get("c")).containsExactly(new UserMessage("Paris or Rome?"), call, results,
                new AssistantMessage("Rome."));
        assertThat(transcript("c")).extracting(dev.mnemo.Message::role)
                .containsExactly(Role.USER, Role.ASSISTANT, Role.TOOL, Role.TOOL, Role.ASSISTANT);
    }

    @Test
    void clearDeletesTheConversation() {
        memory.add("c", List.of(new UserMessage("secret")));

        memory.clear("c");

        assertThat(memory.get("c")).isEmpty();
        assertThat(mnemo.blocking().getSession(SessionId.of("c")).value()).isEmpty();
    }

    @Test
    void twoThreadsAddingToOneNewConversationLoseNothing() throws Exception {
        int perThread = 50;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (String name : List.of("a", "b")) {
                writers.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        memory.add("shared", List.<Message>of(new UserMessage(name + i)));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> writer : writers) {
                writer.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(transcript("shared")).extracting(dev.mnemo.Message::content).hasSize(2 * perThread)
                .contains("a0", "a49", "b0", "b49").doesNotHaveDuplicates();
    }
}
