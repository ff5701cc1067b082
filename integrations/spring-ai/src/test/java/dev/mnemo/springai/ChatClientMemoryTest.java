package dev.mnemo.springai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mnemo.Mnemo;
import dev.mnemo.Role;
import dev.mnemo.context.ContextPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.advisor.MessageChatMemoryAdvisor;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.ai.tool.annotation.Tool;

/** Mnemo behind Spring AI's own entry points: a ChatClient over OpenAiChatModel with MessageChatMemoryAdvisor. */
class ChatClientMemoryTest {

    private final FakeOpenAi model;
    private final Mnemo mnemo = Mnemo.ephemeral();
    private final OpenAiChatModel chatModel;

    ChatClientMemoryTest() throws Exception {
        model = new FakeOpenAi();
        chatModel = OpenAiChatModel.builder().options(OpenAiChatOptions.builder().baseUrl(model.baseUrl())
                .apiKey("test-key").model("gpt-4o-mini").maxRetries(0).build()).build();
    }

    @AfterEach
    void close() {
        model.close();
        mnemo.close();
    }

    /** The set-up the README shows: Mnemo's memory advisor, inside the tool loop. */
    private ChatClient client(ChatMemory memory) {
        return ChatClient.builder(chatModel).defaultAdvisors(MnemoAdvisors.memory(memory)).build();
    }

    private static String ask(ChatClient client, String conversationId, String question) {
        return client.prompt().user(question).advisors(a -> a.param(ChatMemory.CONVERSATION_ID, conversationId))
                .call().content();
    }

    private List<dev.mnemo.Message> transcript(String conversationId) {
        return mnemo.blocking().messagesAfter(ConversationIds.toSessionId(conversationId), null, 1_000).value();
    }

    @Test
    void secondCallSendsTheFirstExchangeFromMemory() {
        ChatClient client = client(MnemoChatMemory.builder(mnemo).build());
        model.replyText("Nice to meet you, Ada.");

        ask(client, "conv-1", "My name is Ada.");
        String answer = ask(client, "conv-1", "What is my name?");

        assertThat(answer).isEqualTo("echo: What is my name?");
        assertThat(model.messagesOf(1)).extracting(m -> m.get("role").asText() + ": " + m.get("content").asText())
                .containsExactly("user: My name is Ada.", "assistant: Nice to meet you, Ada.", "user: What is my name?");
    }

    @Test
    void conversationsAreKeptApart() {
        ChatClient client = client(MnemoChatMemory.builder(mnemo).build());

        ask(client, "alice", "I am Alice.");
        ask(client, "bob", "I am Bob.");

        assertThat(model.messagesOf(1)).hasSize(1);
        assertThat(transcript("bob")).extracting(dev.mnemo.Message::content).containsExactly("I am Bob.", "echo: I am Bob.");
    }

    @Test
    void withMnemosAdvisorEveryToolRoundIsRecordedAndSentBackOnTheNextTurn() {
        ChatClient client = client(MnemoChatMemory.builder(mnemo).build());
        Weather weather = new Weather();
        model.replyToolCall("call_1", "weather", "{\"city\":\"Paris\"}").replyText("It is 18 degrees in Paris.")
                .replyText("You asked about Paris.");

        String answer = client.prompt().user("Weather in Paris?").tools(weather)
                .advisors(a -> a.param(ChatMemory.CONVERSATION_ID, "trip")).call().content();
        ask(client, "trip", "What did I ask?");

        assertThat(answer).isEqualTo("It is 18 degrees in Paris.");
        assertThat(weather.cities).containsExactly("Paris");
        List<dev.mnemo.Message> transcript = transcript("trip");
        assertThat(transcript).extracting(dev.mnemo.Message::role)
                .containsExactly(Role.USER, Role.ASSISTANT, Role.TOOL, Role.ASSISTANT, Role.USER, Role.ASSISTANT);
        assertThat(transcript.get(1).toolCalls()).singleElement().satisfies(call -> {
            assertThat(call.id()).isEqualTo("call_1");
            assertThat(call.name()).isEqualTo("weather");
            assertThat(call.arguments()).isEqualTo("{\"city\":\"Paris\"}");
        });
        assertThat(transcript.get(2).toolCallId()).isEqualTo("call_1");
        assertThat(transcript.get(2).name()).isEqualTo("weather");
        assertThat(transcript.get(2).content()).contains("18 degrees in Paris");
        assertThat(roles(model.messagesOf(1))).as("the tool round: the question once, the call, its result")
                .containsExactly("user", "assistant", "tool");
        assertThat(roles(model.messagesOf(2))).as("the next turn gets the tool round back from memory")
                .containsExactly("user", "assistant", "tool", "assistant", "user");
    }

    @Test
    void atSpringAisDefaultOrderTheMemorySitsOutsideTheToolLoopAndLosesTheToolRound() {
        ChatMemory memory = MnemoChatMemory.builder(mnemo).build();
        ChatClient client = ChatClient.builder(chatModel)
                .defaultAdvisors(MessageChatMemoryAdvisor.builder(memory).build()).build();
        model.replyToolCall("call_1", "weather", "{\"city\":\"Rome\"}").replyText("24 degrees.");

        client.prompt().user("Weather in Rome?").tools(new Weather())
                .advisors(a -> a.param(ChatMemory.CONVERSATION_ID, "trip")).call().content();

        assertThat(transcript("trip")).extracting(dev.mnemo.Message::role).containsExactly(Role.USER, Role.ASSISTANT);
    }

    @Test
    void aCallRetriedAfterTheModelFailedStoresTheQuestionOnce() {
        ChatClient client = client(MnemoChatMemory.builder(mnemo).build());
        model.replyFailure().replyText("It is sunny.");

        assertThatThrownBy(() -> ask(client, "retry", "Is it sunny?")).isInstanceOf(RuntimeException.class);
        assertThat(ask(client, "retry", "Is it sunny?")).isEqualTo("It is sunny.");

        assertThat(transcript("retry")).extracting(dev.mnemo.Message::content).containsExactly("Is it sunny?", "It is sunny.");
    }

    @Test
    void sessionsCarryTheResolvedUserSoListingAndDeletingTheUserReachThem() {
        ChatClient client = client(MnemoChatMemory.builder(mnemo)
                .userIds(conversationId -> conversationId.substring(0, conversationId.indexOf(':'))).build());

        ask(client, "dave:1", "Hello");
        ask(client, "dave:2", "Hello again");
        ask(client, "erin:1", "Hi");

        assertThat(mnemo.blocking().listSessions("dave", 10).value()).extracting(dev.mnemo.Session::id)
                .containsExactlyInAnyOrder(ConversationIds.toSessionId("dave:1"), ConversationIds.toSessionId("dave:2"));
        assertThat(mnemo.blocking().deleteUser("dave")).isEqualTo(2);
        assertThat(MnemoChatMemory.builder(mnemo).build().get("dave:1")).isEmpty();
        assertThat(mnemo.blocking().listSessions("erin", 10).value()).hasSize(1);
    }

    @Test
    void smallWindowSendsOnlyTheWindowWhileMnemoKeepsTheWholeHistory() {
        ChatClient client = client(MnemoChatMemory.builder(mnemo).policy(ContextPolicy.lastMessages(2)).build());

        for (int i = 0; i < 6; i++) {
            ask(client, "long", "question " + i);
        }

        assertThat(model.messagesOf(5)).extracting(m -> m.get("content").asText())
                .containsExactly("question 4", "echo: question 4", "question 5");
        assertThat(transcript("long")).hasSize(12).extracting(dev.mnemo.Message::content)
                .startsWith("question 0", "echo: question 0").endsWith("question 5", "echo: question 5");
    }

    @Test
    void twoThreadsOnOneConversationLoseNothing() throws Exception {
        ChatClient client = client(MnemoChatMemory.builder(mnemo).build());
        int perThread = 10;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> callers = new ArrayList<>();
            for (String name : List.of("a", "b")) {
                callers.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        ask(client, "together", name + i);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> caller : callers) {
                caller.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        List<String> contents = transcript("together").stream().map(dev.mnemo.Message::content).toList();
        assertThat(contents).hasSize(4 * perThread).doesNotHaveDuplicates();
        for (String name : List.of("a", "b")) {
            for (int i = 0; i < perThread; i++) {
                assertThat(contents).contains(name + i, "echo: " + name + i);
            }
        }
    }

    /** @return the role of each message of a request; the empty system message Spring AI's tool loop adds left out */
    private static List<String> roles(JsonNode messages) {
        List<String> roles = new ArrayList<>();
        messages.forEach(message -> {
            if (!message.get("role").asText().equals("system") || !message.path("content").asText().isEmpty()) {
                roles.add(message.get("role").asText());
            }
        });
        return roles;
    }

    /** A tool the fake model calls. */
    static final class Weather {
        final List<String> cities = new CopyOnWriteArrayList<>();

        @Tool(description = "The current temperature in a city")
        String weather(String city) {
            cities.add(city);
            return "18 degrees in " + city;
        }
    }
}
