package dev.mnemo.springai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mnemo.InvalidInputException;
import dev.mnemo.Role;
import java.net.URI;
import java.net.URL;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.messages.AbstractMessage;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.MessageType;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.ToolResponseMessage.ToolResponse;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.content.Media;
import org.springframework.util.MimeTypeUtils;

class MessageMapperTest {

    private static List<Message> roundTrip(Message... messages) {
        return MessageMapper.toSpringAi(MessageMapper.toMnemo(List.of(messages)));
    }

    @Test
    void systemMessageKeepsTextAndMetadata() {
        SystemMessage system = SystemMessage.builder().text("Be brief.").metadata(Map.of("version", 3)).build();

        dev.mnemo.Message stored = MessageMapper.toMnemo(List.of(system)).get(0);

        assertThat(stored.role()).isEqualTo(Role.SYSTEM);
        assertThat(stored.metadata()).containsExactly(Map.entry("version", 3));
        assertThat(roundTrip(system)).containsExactly(system);
    }

    @Test
    void userMessageKeepsItsMediaOfEveryKindAndItsMetadata() throws Exception {
        Media bytes = Media.builder().mimeType(MimeTypeUtils.IMAGE_PNG).data(new byte[] {1, 2, 3}).id("img-1").name("dot").build();
        Media url = Media.builder().mimeType(MimeTypeUtils.IMAGE_JPEG).data(URI.create("https://example.org/a.jpg").toURL()).build();
        Media text = Media.builder().mimeType(MimeTypeUtils.parseMimeType("application/pdf")).data("data:application/pdf;base64,AAA").build();
        UserMessage user = UserMessage.builder().text("What is in these?").media(bytes, url, text)
                .metadata(Map.of("channel", "web", "tags", List.of("a", "b"))).build();

        UserMessage back = (UserMessage) roundTrip(user).get(0);

        assertThat(back.getText()).isEqualTo("What is in these?");
        assertThat(back.getMetadata()).containsEntry("channel", "web").containsEntry("tags", List.of("a", "b"))
                .containsEntry(AbstractMessage.MESSAGE_TYPE, MessageType.USER).hasSize(3);
        assertThat(back.getMedia()).hasSize(3);
        assertThat(back.getMedia().get(0).getDataAsByteArray()).containsExactly(1, 2, 3);
        assertThat(back.getMedia().get(0)).extracting(Media::getId, Media::getName, Media::getMimeType)
                .containsExactly("img-1", "dot", MimeTypeUtils.IMAGE_PNG);
        assertThat(back.getMedia().get(1).getData()).isEqualTo(new URL("https://example.org/a.jpg"));
        assertThat(back.getMedia().get(1).getName()).isEqualTo(url.getName());
        assertThat(back.getMedia().get(2).getData()).isEqualTo("data:application/pdf;base64,AAA");
        assertThat(back.getMedia().get(2).getMimeType().toString()).isEqualTo("application/pdf");
    }

    @Test
    void imageOnlyUserMessageIsStoredWithPlaceholderAndRestoredWithItsEmptyText() {
        Media image = Media.builder().mimeType(MimeTypeUtils.IMAGE_PNG).data(new byte[] {7}).build();
        UserMessage user = UserMessage.builder().text("").media(image).build();

        dev.mnemo.Message stored = MessageMapper.toMnemo(List.of(user)).get(0);

        assertThat(stored.content()).isEqualTo(MessageMapper.NO_TEXT);
        assertThat(((UserMessage) roundTrip(user).get(0)).getText()).isEmpty();
    }

    @Test
    void assistantToolCallsKeepIdTypeNameAndArguments() {
        AssistantMessage assistant = AssistantMessage.builder().content("")
                .toolCalls(List.of(new AssistantMessage.ToolCall("call_1", "function", "weather", "{\"city\":\"Paris\"}"),
                        new AssistantMessage.ToolCall("call_2", "function", "time", "{\"zone\":\"CET\"}")))
                .properties(Map.of("finishReason", "TOOL_CALLS", "usage", Map.of("tokens", 12))).build();

        dev.mnemo.Message stored = MessageMapper.toMnemo(List.of(assistant)).get(0);

        assertThat(stored.toolCalls()).extracting(dev.mnemo.ToolCall::id, dev.mnemo.ToolCall::name, dev.mnemo.ToolCall::arguments)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("call_1", "weather", "{\"city\":\"Paris\"}"),
                        org.assertj.core.groups.Tuple.tuple("call_2", "time", "{\"zone\":\"CET\"}"));
        assertThat(stored.metadata()).doesNotContainKey(StoredMetadata.TOOL_CALL_TYPES);
        assertThat(roundTrip(assistant)).containsExactly(assistant);
    }

    @Test
    void toolCallTypeOtherThanFunctionAndNullTextAreRestored() {
        AssistantMessage assistant = AssistantMessage.builder()
                .toolCalls(List.of(new AssistantMessage.ToolCall("c1", "custom", "grep", "{}"))).build();

        AssistantMessage back = (AssistantMessage) roundTrip(assistant).get(0);

        assertThat(back.getToolCalls()).containsExactly(new AssistantMessage.ToolCall("c1", "custom", "grep", "{}"));
        assertThat(back.getText()).isNull();
    }

    @Test
    void blankToolCallArgumentsAreStoredAsEmptyObject() {
        AssistantMessage assistant = AssistantMessage.builder()
                .toolCalls(List.of(new AssistantMessage.ToolCall("c1", "function", "now", ""))).build();

        assertThat(MessageMapper.toMnemo(List.of(assistant)).get(0).toolCalls().get(0).arguments()).isEqualTo("{}");
    }

    @Test
    void toolResponseMessageWithSeveralResponsesIsOneToolMessageEachAndRegroupsOnRead() {
        ToolResponseMessage responses = ToolResponseMessage.builder()
                .responses(List.of(new ToolResponse("call_1", "weather", "18°C"), new ToolResponse("call_2", "time", "14:05"),
                        new ToolResponse("call_3", "silent", "")))
                .metadata(Map.of("batch", "b1")).build();

        List<dev.mnemo.Message> stored = MessageMapper.toMnemo(List.of(responses));

        assertThat(stored).extracting(dev.mnemo.Message::role).containsOnly(Role.TOOL);
        assertThat(stored).extracting(dev.mnemo.Message::toolCallId, dev.mnemo.Message::name, dev.mnemo.Message::content)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("call_1", "weather", "18°C"),
                        org.assertj.core.groups.Tuple.tuple("call_2", "time", "14:05"),
                        org.assertj.core.groups.Tuple.tuple("call_3", "silent", MessageMapper.NO_TEXT));
        assertThat(stored).allSatisfy(message -> assertThat(message.metadata()).containsEntry("batch", "b1"));
        assertThat(MessageMapper.toSpringAi(stored)).containsExactly(responses);
    }

    @Test
    void wholeTurnRoundTripsInOrder() {
        List<Message> turn = List.of(new SystemMessage("You help."), new UserMessage("Weather in Paris?"),
                AssistantMessage.builder().content("").toolCalls(
                        List.of(new AssistantMessage.ToolCall("call_1", "function", "weather", "{}"))).build(),
                ToolResponseMessage.builder().responses(List.of(new ToolResponse("call_1", "weather", "18°C"))).build(),
                new AssistantMessage("It is 18°C."));

        assertThat(MessageMapper.toSpringAi(MessageMapper.toMnemo(turn))).containsExactlyElementsOf(turn);
    }

    @Test
    void metadataValueThatIsNotJsonIsLeftOutAndTheMessageIsStillStored() {
        UserMessage user = UserMessage.builder().text("hi").metadata(Map.of("ok", 1, "thread", Thread.currentThread())).build();

        dev.mnemo.Message stored = MessageMapper.toMnemo(List.of(user)).get(0);

        assertThat(stored.content()).isEqualTo("hi");
        assertThat(stored.metadata()).containsEntry("ok", 1);
    }

    @Test
    void toolMessageThatIsNotToolResponseMessageIsRefused() {
        Message bare = new Message() {
            @Override
            public MessageType getMessageType() {
                return MessageType.TOOL;
            }

            @Override
            public String getText() {
                return "result";
            }

            @Override
            public Map<String, Object> getMetadata() {
                return Map.of();
            }
        };

        assertThatThrownBy(() -> MessageMapper.toMnemo(List.of(bare))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("ToolResponseMessage");
    }
}
