package dev.mnemo.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.MemoryId;
import dev.langchain4j.service.SystemMessage;
import dev.langchain4j.service.UserMessage;
import dev.mnemo.Message;
import dev.mnemo.Mnemo;
import dev.mnemo.Role;
import dev.mnemo.Session;
import dev.mnemo.SessionId;
import dev.mnemo.ToolCall;
import dev.mnemo.context.ContextPolicy;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** LangChain4j's own entry point, {@code AiServices} with {@code OpenAiChatModel}, against a fake model on loopback. */
class AiServicesEndToEndTest {

    interface Assistant {
        @SystemMessage("You are a weather assistant.")
        String chat(@MemoryId Object conversation, @UserMessage String message);
    }

    static final class WeatherTools {
        final List<String> cities = new CopyOnWriteArrayList<>();

        @Tool("The current temperature in a city")
        String temperature(@P(name = "city", description = "the city") String city) {
            cities.add(city);
            return "21 degrees in " + city;
        }
    }

    record Conversation(String user, int number) {
    }

    private FakeOpenAi model;
    private Mnemo mnemo;
    private final WeatherTools tools = new WeatherTools();

    @BeforeEach
    void start() throws IOException {
        model = FakeOpenAi.start();
        mnemo = Mnemo.ephemeral();
    }

    @AfterEach
    void stop() {
        mnemo.close();
        model.close();
    }

    private Assistant assistant(MnemoChatMemoryProvider memories) {
        OpenAiChatModel chatModel = OpenAiChatModel.builder().baseUrl(model.baseUrl()).apiKey("test-key")
                .modelName("gpt-4o-mini").maxRetries(0).build();
        return AiServices.builder(Assistant.class).chatModel(chatModel).tools(tools)
                .chatMemoryProvider(memories).build();
    }

    @Test
    void theAssistantRemembersAcrossCallsAndTheToolCallIsInTheTranscript() {
        model.thenCallTool("call_w1", "temperature", "{\"city\":\"Paris\"}")
                .thenAnswer("It is 21 degrees in Paris.")
                .thenAnswer("You asked about Paris.");
        Assistant assistant = assistant(MnemoChatMemoryProvider.of(mnemo));

        assertThat(assistant.chat("alice", "How warm is it in Paris?")).isEqualTo("It is 21 degrees in Paris.");
        assertThat(assistant.chat("alice", "What did I ask you?")).isEqualTo("You asked about Paris.");

        assertThat(tools.cities).containsExactly("Paris");
        List<JsonNode> requests = model.requestMessages();
        assertThat(requests).hasSize(3);
        assertThat(summary(requests.get(2))).containsExactly(
                "system: You are a weather assistant.",
                "user: How warm is it in Paris?",
                "assistant: calls call_w1 temperature {\"city\":\"Paris\"}",
                "tool: call_w1 21 degrees in Paris",
                "assistant: It is 21 degrees in Paris.",
                "user: What did I ask you?");

        List<Message> transcript = mnemo.blocking().messagesAfter(SessionId.of("alice"), null, 100).value();
        assertThat(transcript).extracting(Message::role).containsExactly(
                Role.SYSTEM, Role.USER, Role.ASSISTANT, Role.TOOL, Role.ASSISTANT, Role.USER, Role.ASSISTANT);
        assertThat(transcript.get(2).toolCalls()).containsExactly(new ToolCall("call_w1", "temperature", "{\"city\":\"Paris\"}"));
        assertThat(transcript.get(3).toolCallId()).isEqualTo("call_w1");
        assertThat(transcript.get(3).name()).isEqualTo("temperature");
        assertThat(transcript.get(3).content()).isEqualTo("21 degrees in Paris");
    }

    @Test
    void theModelGetsOnlyTheWindowWhileMnemoKeepsTheWholeConversation() {
        Conversation conversation = new Conversation("bob", 1);
        for (int turn = 1; turn <= 5; turn++) {
            model.thenAnswer("answer " + turn);
        }
        Assistant assistant = assistant(MnemoChatMemoryProvider.builder().mnemo(mnemo)
                .policy(ContextPolicy.lastMessages(4)).build());

        for (int turn = 1; turn <= 5; turn++) {
            assertThat(assistant.chat(conversation, "question " + turn)).isEqualTo("answer " + turn);
        }

        assertThat(summary(model.requestMessages().get(4))).containsExactly(
                "system: You are a weather assistant.",
                "user: question 3", "assistant: answer 3",
                "user: question 4", "assistant: answer 4",
                "user: question 5");
        List<Message> transcript = mnemo.blocking().messagesAfter(SessionIds.of(conversation), null, 100).value();
        assertThat(transcript).hasSize(11);
        assertThat(transcript).extracting(Message::content).startsWith("You are a weather assistant.",
                "question 1", "answer 1").endsWith("question 5", "answer 5");
    }

    @Test
    void aCallRetriedAfterTheModelFailedStoresTheQuestionOnce() {
        model.thenFail().thenAnswer("It is sunny in Paris.");
        Assistant assistant = assistant(MnemoChatMemoryProvider.of(mnemo));

        assertThatThrownBy(() -> assistant.chat("carol", "Is it sunny in Paris?")).isInstanceOf(RuntimeException.class);
        assertThat(assistant.chat("carol", "Is it sunny in Paris?")).isEqualTo("It is sunny in Paris.");

        List<Message> transcript = mnemo.blocking().messagesAfter(SessionId.of("carol"), null, 100).value();
        assertThat(transcript).extracting(Message::content).containsExactly("You are a weather assistant.",
                "Is it sunny in Paris?", "It is sunny in Paris.");
    }

    @Test
    void sessionsCarryTheResolvedUserSoListingAndDeletingTheUserReachThem() {
        model.thenAnswer("first").thenAnswer("second").thenAnswer("other");
        Assistant assistant = assistant(MnemoChatMemoryProvider.builder().mnemo(mnemo)
                .userIds(memoryId -> ((Conversation) memoryId).user()).build());

        assistant.chat(new Conversation("dave", 1), "Hello");
        assistant.chat(new Conversation("dave", 2), "Hello again");
        assistant.chat(new Conversation("erin", 1), "Hi");

        assertThat(mnemo.blocking().listSessions("dave", 10).value()).extracting(Session::id)
                .containsExactlyInAnyOrder(SessionIds.of(new Conversation("dave", 1)), SessionIds.of(new Conversation("dave", 2)));
        assertThat(mnemo.blocking().deleteUser("dave")).isEqualTo(2);
        assertThat(mnemo.blocking().getSession(SessionIds.of(new Conversation("dave", 1))).value()).isEmpty();
        assertThat(mnemo.blocking().listSessions("erin", 10).value()).hasSize(1);
    }

    /** One line per message of a request: its role, then its text or its tool calls. */
    private static List<String> summary(JsonNode messages) {
        List<String> lines = new ArrayList<>();
        for (JsonNode message : messages) {
            String role = message.get("role").asText();
            if (message.has("tool_calls")) {
                JsonNode call = message.get("tool_calls").get(0);
                lines.add(role + ": calls " + call.get("id").asText() + " " + call.at("/function/name").asText()
                        + " " + call.at("/function/arguments").asText());
            } else if (role.equals("tool")) {
                lines.add(role + ": " + message.get("tool_call_id").asText() + " " + message.get("content").asText());
            } else {
                lines.add(role + ": " + message.get("content").asText());
            }
        }
        return lines;
    }
}
