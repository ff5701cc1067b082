package dev.mnemo.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.AudioContent;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.CustomMessage;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.PdfFileContent;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.data.message.VideoContent;
import dev.mnemo.Message;
import dev.mnemo.Mnemo;
import dev.mnemo.Role;
import dev.mnemo.SessionId;
import dev.mnemo.ToolCall;
import dev.mnemo.JsonCodec;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MessageMappingTest {

    static Stream<ChatMessage> messages() {
        ToolExecutionRequest weather = ToolExecutionRequest.builder()
                .id("call_Ab1").name("weather").arguments("{\"city\":\"Paris\"}").build();
        return Stream.of(
                SystemMessage.from("You are terse."),
                UserMessage.from("Hello"),
                UserMessage.from("alice", "Hello with a name"),
                UserMessage.builder().name("bob").contents(List.of(
                        TextContent.from("What is in these?"),
                        ImageContent.from("https://example.org/cat.png", ImageContent.DetailLevel.HIGH),
                        ImageContent.from("aGVsbG8=", "image/png"),
                        AudioContent.from("aGVsbG8=", "audio/wav"),
                        PdfFileContent.from("https://example.org/a.pdf"),
                        VideoContent.from("https://example.org/v.mp4"))).build(),
                UserMessage.from(ImageContent.from("https://example.org/only-an-image.png")),
                UserMessage.builder().contents(List.of(TextContent.from("tagged")))
                        .attributes(Map.of("channel", "web", "score", 3)).build(),
                AiMessage.from("Hi there"),
                AiMessage.from(weather),
                AiMessage.from("Let me look that up.", List.of(weather,
                        ToolExecutionRequest.builder().id("toolu_01.x:y").name("time").arguments("{}").build())),
                AiMessage.builder().text("42").thinking("Six times seven.")
                        .attributes(Map.of("signature", "abc", "nested", Map.of("k", List.of(1, 2)))).build(),
                AiMessage.from(""),
                AiMessage.builder().thinking("only thinking").build(),
                AiMessage.from("", List.of(weather)),
                AiMessage.from(ToolExecutionRequest.builder().id("c1").name("broken").arguments("{\"city\": \"Par").build()),
                ToolExecutionResultMessage.from(weather, "21 degrees"),
                ToolExecutionResultMessage.builder().id("call_Ab1").toolName("weather").text("city not found")
                        .isError(true).attributes(Map.of("retry", false)).build(),
                ToolExecutionResultMessage.builder().id("call_Ab1").toolName("weather").contents(
                        TextContent.from("a map:"), ImageContent.from("https://example.org/map.png")).build(),
                ToolExecutionResultMessage.from("c2", "weather", ""),
                AiMessage.from(ToolExecutionRequest.builder().id("odd id/ü").name("weather").arguments("{}").build()),
                ToolExecutionResultMessage.from("odd id/ü", "weather", "sunny"));
    }

    @ParameterizedTest
    @MethodSource("messages")
    void everyMessageReadBackEqualsTheOneMapped(ChatMessage message) {
        assertThat(MessageMapping.toLangChain4j(MessageMapping.toMnemo(message))).isEqualTo(message);
    }

    @ParameterizedTest
    @MethodSource("messages")
    void everyMessageReadBackAfterStorageInMnemoEqualsTheOneMapped(ChatMessage message) {
        try (Mnemo mnemo = Mnemo.ephemeral()) {
            SessionId id = SessionId.of("mapping");
            mnemo.blocking().openSession(id, null);
            mnemo.blocking().append(id, MessageMapping.toMnemo(message));
            Message stored = mnemo.blocking().messagesAfter(id, null, 10).value().get(0);
            assertThat(MessageMapping.toLangChain4j(stored)).isEqualTo(message);
        }
    }

    @ParameterizedTest
    @MethodSource("messages")
    void everyMessageReadBackFromTheJsonOfTheServerTiersEqualsTheOneMapped(ChatMessage message) {
        String json = JsonCodec.write(MessageMapping.toMnemo(message));

        assertThat(MessageMapping.toLangChain4j(JsonCodec.readMessage("test", json))).isEqualTo(message);
    }

    @Test
    void chatFieldsAreMnemosOwnSoContextsAndOtherReadersSeeThem() {
        Message user = MessageMapping.toMnemo(UserMessage.from("alice", "Hello"));
        assertThat(user.role()).isEqualTo(Role.USER);
        assertThat(user.content()).isEqualTo("Hello");
        assertThat(user.name()).isEqualTo("alice");
        assertThat(user.metadata()).isEmpty();

        Message ai = MessageMapping.toMnemo(AiMessage.from(ToolExecutionRequest.builder()
                .id("call_Ab1").name("weather").arguments("{\"city\":\"Paris\"}").build()));
        assertThat(ai.role()).isEqualTo(Role.ASSISTANT);
        assertThat(ai.content()).isEmpty();
        assertThat(ai.toolCalls()).containsExactly(new ToolCall("call_Ab1", "weather", "{\"city\":\"Paris\"}"));

        Message tool = MessageMapping.toMnemo(ToolExecutionResultMessage.from("call_Ab1", "weather", "21 degrees"));
        assertThat(tool.role()).isEqualTo(Role.TOOL);
        assertThat(tool.toolCallId()).isEqualTo("call_Ab1");
        assertThat(tool.name()).isEqualTo("weather");
        assertThat(tool.content()).isEqualTo("21 degrees");
    }

    @Test
    void nonTextContentsShowAsPlaceholdersAndAreKeptInMetadata() {
        Message message = MessageMapping.toMnemo(UserMessage.from(
                TextContent.from("Look:"), ImageContent.from("https://example.org/cat.png")));

        assertThat(message.content()).isEqualTo("Look:\n[image]");
        assertThat(message.metadata()).containsOnlyKeys(MessageMapping.METADATA_KEY);
        assertThat(message.metadata().get(MessageMapping.METADATA_KEY).toString()).contains("https://example.org/cat.png");
    }

    @Test
    void thinkingAndErrorFlagsAreKeptInMetadata() {
        Message ai = MessageMapping.toMnemo(AiMessage.builder().text("42").thinking("Six times seven.").build());
        Message error = MessageMapping.toMnemo(ToolExecutionResultMessage.builder()
                .id("c1").toolName("weather").text("boom").isError(true).build());

        assertThat(ai.metadata()).isEqualTo(Map.of(MessageMapping.METADATA_KEY, Map.of("thinking", "Six times seven.")));
        assertThat(error.metadata()).isEqualTo(Map.of(MessageMapping.METADATA_KEY, Map.of("isError", true)));
    }

    @Test
    void aCallIdOutsideMnemosCharactersIsStoredValidlyTheSameOnTheCallAndItsResult() {
        ToolExecutionRequest odd = ToolExecutionRequest.builder().id("odd id/ü").name("weather").arguments("{}").build();

        Message call = MessageMapping.toMnemo(AiMessage.from(odd));
        Message result = MessageMapping.toMnemo(ToolExecutionResultMessage.from(odd, "sunny"));

        assertThat(call.toolCalls().get(0).id()).startsWith("odd-id--").matches("[A-Za-z0-9._:-]+")
                .isEqualTo(result.toolCallId());
    }

    @Test
    void callsWithoutIdsGetDeterministicIdsThatTheirResultsInTheSameBatchReference() {
        ToolExecutionRequest weather = ToolExecutionRequest.builder().name("weather").arguments("{}").build();
        ToolExecutionRequest time = ToolExecutionRequest.builder().name("time").arguments("{}").build();

        List<Message> mapped = MessageMapping.toMnemo(List.of(AiMessage.from(weather, time),
                ToolExecutionResultMessage.from(time, "noon"),
                ToolExecutionResultMessage.from(weather, "sunny")), List::of);

        Message call = mapped.get(0);
        assertThat(call.toolCalls()).extracting(ToolCall::id)
                .containsExactly("call-" + call.id() + "-0", "call-" + call.id() + "-1");
        assertThat(mapped.get(1).toolCallId()).isEqualTo("call-" + call.id() + "-1");
        assertThat(mapped.get(2).toolCallId()).isEqualTo("call-" + call.id() + "-0");
        AiMessage readBack = (AiMessage) MessageMapping.toLangChain4j(call);
        assertThat(readBack.toolExecutionRequests()).extracting(ToolExecutionRequest::id)
                .containsExactly("call-" + call.id() + "-0", "call-" + call.id() + "-1");
        assertThat(((ToolExecutionResultMessage) MessageMapping.toLangChain4j(mapped.get(1))).id())
                .isEqualTo(readBack.toolExecutionRequests().get(1).id());
    }

    @Test
    void aResultWithoutIdFindsItsCallAmongTheStoredMessages() {
        ToolExecutionRequest weather = ToolExecutionRequest.builder().name("weather").arguments("{}").build();
        Message call = MessageMapping.toMnemo(AiMessage.from(weather, weather));

        List<Message> results = MessageMapping.toMnemo(List.of(ToolExecutionResultMessage.from(weather, "sunny"),
                ToolExecutionResultMessage.from(weather, "rainy")), () -> List.of(call));

        assertThat(results).extracting(Message::toolCallId).containsExactly(
                call.toolCalls().get(0).id(), call.toolCalls().get(1).id());
    }

    @Test
    void aCustomMessageIsRefusedWithItsType() {
        assertThatThrownBy(() -> MessageMapping.toMnemo(CustomMessage.from(Map.of("k", "v"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CUSTOM");
    }
}
