package dev.mnemo.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.mnemo.AppendResult;
import dev.mnemo.ConflictException;
import dev.mnemo.Message;
import dev.mnemo.Mnemo;
import dev.mnemo.MnemoConfig;
import dev.mnemo.Role;
import dev.mnemo.SessionId;
import dev.mnemo.context.Context;
import dev.mnemo.context.ContextPolicy;
import dev.mnemo.context.SystemPrompt;
import dev.mnemo.spi.SessionListener;
import dev.mnemo.spi.SessionRef;
import dev.mnemo.summary.ExtractiveSummarizer;
import dev.mnemo.summary.SummaryConfig;
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

class MnemoChatMemoryTest {

    /** The size of every append, in order. */
    private final List<Integer> appends = new CopyOnWriteArrayList<>();
    private final Mnemo mnemo = Mnemo.builder().ephemeral().listener(new SessionListener() {
        @Override
        public CompletionStage<Void> appended(SessionRef ref, AppendResult result) {
            appends.add(result.appended());
            return CompletableFuture.completedFuture(null);
        }
    }).build();

    @AfterEach
    void closeMnemo() {
        mnemo.close();
    }

    private MnemoChatMemory memory(Object id) {
        return MnemoChatMemory.builder().mnemo(mnemo).id(id).build();
    }

    private List<Message> transcript(SessionId id) {
        return mnemo.blocking().messagesAfter(id, null, 1_000).value();
    }

    @Test
    void eachAddIsOneAppendOfTheNewMessagesOnly() {
        MnemoChatMemory memory = memory("chat-1");

        memory.add(UserMessage.from("Hi"));
        memory.add(AiMessage.from("Hello!"));
        memory.add(List.of(UserMessage.from("How are you?"), AiMessage.from("Fine."), UserMessage.from("Good.")));

        assertThat(appends).containsExactly(1, 1, 3);
        assertThat(memory.messages()).containsExactly(UserMessage.from("Hi"), AiMessage.from("Hello!"),
                UserMessage.from("How are you?"), AiMessage.from("Fine."), UserMessage.from("Good."));
    }

    @Test
    void theSessionIsOpenedOnFirstUseWithTheUserId() {
        MnemoChatMemory memory = MnemoChatMemory.builder().mnemo(mnemo).id("chat 2").userId("alice").build();
        assertThat(mnemo.blocking().getSession(memory.sessionId()).value()).isEmpty();

        assertThat(memory.messages()).isEmpty();

        assertThat(mnemo.blocking().getSession(memory.sessionId()).value()).hasValueSatisfying(session ->
                assertThat(session.userId()).isEqualTo("alice"));
        assertThat(memory.sessionId()).isEqualTo(SessionIds.of("chat 2"));
    }

    @Test
    void aRepeatedSystemMessageIsStoredOnceAndAChangedOneReplacesThePinnedPrompt() {
        MnemoChatMemory memory = memory("chat-3");

        memory.add(SystemMessage.from("Be terse."));
        memory.add(UserMessage.from("Hi"));
        memory.add(SystemMessage.from("Be terse."));
        memory.add(AiMessage.from("Hello."));
        memory.add(SystemMessage.from("Be verbose."));
        memory.add(UserMessage.from("Again"));

        assertThat(memory.messages()).containsExactly(SystemMessage.from("Be verbose."), UserMessage.from("Hi"),
                AiMessage.from("Hello."), UserMessage.from("Again"));
        assertThat(transcript(memory.sessionId())).extracting(Message::content)
                .containsExactly("Be terse.", "Hi", "Hello.", "Be verbose.", "Again");
        Message pinned = SystemPrompt.in(mnemo.blocking().state(memory.sessionId()).value()).orElseThrow();
        assertThat(pinned.content()).isEqualTo("Be verbose.");
        assertThat(pinned.tokens()).isPositive();
    }

    @Test
    void theSystemPromptStaysFirstAndTheTranscriptWholeWhenTheWindowMovesOn() {
        MnemoChatMemory memory = MnemoChatMemory.builder().mnemo(mnemo).id("chat-4")
                .policy(ContextPolicy.lastMessages(2)).build();
        memory.add(SystemMessage.from("Be terse."));
        for (int i = 0; i < 5; i++) {
            memory.add(UserMessage.from("question " + i));
            memory.add(AiMessage.from("answer " + i));
        }

        assertThat(memory.messages()).containsExactly(SystemMessage.from("Be terse."),
                UserMessage.from("question 4"), AiMessage.from("answer 4"));
        assertThat(transcript(memory.sessionId())).hasSize(11);
    }

    @Test
    void theRollingSummaryFollowsTheSystemPrompt() {
        try (Mnemo summarizing = Mnemo.builder().ephemeral().summarizer(new ExtractiveSummarizer())
                .summaryConfig(SummaryConfig.builder().everyMessages(0).everyTokens(0).keepRecent(2).build()).build()) {
            MnemoChatMemory memory = MnemoChatMemory.builder().mnemo(summarizing).id("chat-5")
                    .policy(ContextPolicy.summary().then(ContextPolicy.lastMessages(10))).build();
            memory.add(List.of(SystemMessage.from("Be terse."), UserMessage.from("My name is Ada."),
                    AiMessage.from("Hello Ada."), UserMessage.from("I like tea."), AiMessage.from("Noted.")));

            summarizing.blocking().summarize(memory.sessionId());

            List<ChatMessage> messages = memory.messages();
            assertThat(messages.get(0)).isEqualTo(SystemMessage.from("Be terse."));
            assertThat(((SystemMessage) messages.get(1)).text()).startsWith(Context.SUMMARY_HEADING).contains("Ada");
            assertThat(messages.subList(2, messages.size()))
                    .containsExactly(UserMessage.from("I like tea."), AiMessage.from("Noted."));
        }
    }

    @Test
    void toolCallsWithoutIdsPairWithTheirResultsAddedSeparately() {
        MnemoChatMemory memory = memory("chat-ids");
        ToolExecutionRequest weather = ToolExecutionRequest.builder().name("weather").arguments("{\"city\":\"Oslo\"}").build();

        memory.add(UserMessage.from("Weather in Oslo?"));
        memory.add(AiMessage.from(weather));
        memory.add(ToolExecutionResultMessage.from(weather, "cold"));

        List<ChatMessage> messages = memory.messages();
        String callId = ((AiMessage) messages.get(1)).toolExecutionRequests().get(0).id();
        assertThat(callId).isNotBlank();
        assertThat(((ToolExecutionResultMessage) messages.get(2)).id()).isEqualTo(callId);
        assertThat(((ToolExecutionResultMessage) messages.get(2)).text()).isEqualTo("cold");
    }

    @Test
    void setAppendsOnlyTheMessagesTheMemoryDoesNotHoldAndRewritesNothing() {
        MnemoChatMemory memory = memory("chat-6");
        memory.add(List.of(SystemMessage.from("Be terse."), UserMessage.from("Hi"), AiMessage.from("Hello.")));
        appends.clear();

        memory.set(List.of(SystemMessage.from("Be terse."), UserMessage.from("Hi"), AiMessage.from("Hello."),
                UserMessage.from("New question")));

        assertThat(appends).containsExactly(1);
        assertThat(transcript(memory.sessionId())).extracting(Message::content)
                .containsExactly("Be terse.", "Hi", "Hello.", "New question");
        assertThatThrownBy(() -> memory.set(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void clearDeletesTheSessionAndTheNextUseStartsAnEmptyOne() {
        MnemoChatMemory memory = memory("chat-7");
        memory.add(UserMessage.from("Hi"));

        memory.clear();

        assertThat(mnemo.blocking().getSession(memory.sessionId()).value()).isEmpty();
        assertThat(memory.messages()).isEmpty();
        memory.add(UserMessage.from("Hi again"));
        assertThat(transcript(memory.sessionId())).extracting(Message::content).containsExactly("Hi again");
    }

    @Test
    void aSessionDeletedElsewhereIsOpenedAgainInsteadOfFailing() {
        MnemoChatMemory memory = memory("chat-8");
        memory.add(UserMessage.from("Hi"));

        mnemo.blocking().deleteSession(memory.sessionId());
        memory.add(UserMessage.from("Still there?"));

        assertThat(memory.messages()).containsExactly(UserMessage.from("Still there?"));
    }

    @Test
    void twoWritersOfOneConversationLoseNothing() throws Exception {
        int perWriter = 100;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService writers = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (String writer : List.of("a", "b")) {
                MnemoChatMemory memory = memory("shared");
                done.add(writers.submit(() -> {
                    start.await();
                    for (int i = 0; i < perWriter; i++) {
                        memory.add(UserMessage.from(writer + i));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> writer : done) {
                writer.get(30, TimeUnit.SECONDS);
            }
        } finally {
            writers.shutdownNow();
        }

        List<Message> transcript = transcript(SessionIds.of("shared"));
        assertThat(transcript).hasSize(2 * perWriter).allSatisfy(message -> assertThat(message.role()).isEqualTo(Role.USER));
        assertThat(transcript).extracting(Message::content).contains("a0", "a99", "b0", "b99").doesNotHaveDuplicates();
    }

    @Test
    void aUserMessageAddedAgainBeforeAnyReplyIsARetryStoredOnceAndAfterAReplyItIsHeardAgain() {
        MnemoChatMemory memory = memory("chat-retry");

        memory.add(UserMessage.from("yes"));
        memory.add(UserMessage.from("yes")); // the same call again: its model never answered
        memory.add(AiMessage.from("Booked."));
        memory.add(UserMessage.from("yes")); // said again, after an answer

        assertThat(transcript(memory.sessionId())).extracting(Message::content).containsExactly("yes", "Booked.", "yes");
    }

    @Test
    void aContextReadWithAWriteAnswersOnlyTheNextReadOfTheWritingThread() throws Exception {
        MnemoChatMemory memory = memory("chat-ahead");
        memory.add(SystemMessage.from("Be terse."));
        memory.add(SystemMessage.from("Be terse.")); // pinned already: its check reads the context ahead

        mnemo.blocking().append(memory.sessionId(), Message.user("written elsewhere"));
        List<ChatMessage> onAnotherThread = CompletableFuture.supplyAsync(memory::messages).get(10, TimeUnit.SECONDS);

        assertThat(onAnotherThread).containsExactly(SystemMessage.from("Be terse."), UserMessage.from("written elsewhere"));
        assertThat(memory.messages()).isEqualTo(onAnotherThread);
    }

    @Test
    void everyCallEndsAtTheCallDeadlineWhenNoTierAnswers() {
        Duration deadline = Duration.ofMillis(300);
        try (Mnemo silent = Mnemo.builder().tiers(SilentTier.create())
                .settings(MnemoConfig.builder().callTimeout(deadline).build()).build()) {
            MnemoChatMemory memory = MnemoChatMemory.builder().mnemo(silent).id("frozen").build();

            SilentTier.assertEndsAtDeadline(deadline, () -> memory.add(SystemMessage.from("Be terse.")));
            SilentTier.assertEndsAtDeadline(deadline, () -> memory.add(UserMessage.from("Anyone?")));
            SilentTier.assertEndsAtDeadline(deadline, () -> memory.add(ToolExecutionResultMessage.from("c1", "t", "r")));
            SilentTier.assertEndsAtDeadline(deadline, memory::messages);
            SilentTier.assertEndsAtDeadline(deadline, memory::clear);
        }
    }

    @Test
    void theProviderGivesEachMemoryIdItsOwnSessionAndUser() {
        MnemoChatMemoryProvider provider = MnemoChatMemoryProvider.builder().mnemo(mnemo)
                .userIds(memoryId -> "user-" + memoryId).build();

        MnemoChatMemory first = provider.get(1);
        MnemoChatMemory second = provider.get("two");
        first.add(UserMessage.from("one"));
        second.add(UserMessage.from("two"));

        assertThat(first.id()).isEqualTo(1);
        assertThat(first.messages()).containsExactly(UserMessage.from("one"));
        assertThat(second.messages()).containsExactly(UserMessage.from("two"));
        assertThat(mnemo.blocking().getSession(SessionId.of("1")).value().orElseThrow().userId()).isEqualTo("user-1");
        assertThatThrownBy(() -> MnemoChatMemoryProvider.of(mnemo).get("two").messages())
                .as("another user's conversation").isInstanceOf(ConflictException.class);
    }
}
