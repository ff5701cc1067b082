package dev.mnemo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MessageJsonTest {

    private static final List<Message> SHAPES = List.of(
            Message.user("hello"),
            Message.assistant("line one\nline \"two\" \\ tab\t é ✓ 😀").withTokens(17),
            Message.builder(Role.ASSISTANT).content("").name("planner")
                    .toolCall("c1", "search", "{\"q\":\"weather\",\"n\":[1,2]}")
                    .toolCall("c2", "lookup", "[]").build(),
            Message.tool("c1", "{\"temp\":21}"),
            Message.builder(Role.SYSTEM).content("be brief")
                    .metadata("confidence", 0.93).metadata("count", 3).metadata("big", 12345678901L)
                    .metadata("flag", true).metadata("sources", List.of("kb-1", Map.of("id", "x")))
                    .metadata("nested", Map.of("a", Map.of("b", List.of()))).build().withTokens(4));

    @Test
    void readsEveryShapeAsDataBindingDoes() throws Exception {
        for (Message message : SHAPES) {
            String json = JsonCodec.write(message);
            Message bound = JsonCodec.mapper().readValue(json, Message.class);
            assertThat(new MessageJson(JsonCodec.mapper()).read(json)).isEqualTo(bound).isEqualTo(message);
            assertThat(JsonCodec.readMessage("k", json)).isEqualTo(message);
        }
    }

    @Test
    void fieldsInAnyOrderUnknownFieldsAndNullsAreRead() throws Exception {
        Message message = Message.user("hi").withTokens(2);
        String json = "{\"extra\":{\"a\":[1,{\"b\":null}]},\"tokens\":2,\"name\":null,\"createdAt\":\"" + message.createdAt()
                + "\",\"content\":\"hi\",\"toolCalls\":null,\"role\":\"USER\",\"more\":[[]],\"id\":\"" + message.id() + "\"}";
        assertThat(new MessageJson(JsonCodec.mapper()).read(json)).isEqualTo(message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "[]", "\"text\"", "{\"role\":", "{\"id\":5,\"role\":\"USER\",\"content\":\"x\",\"createdAt\":\"2026-11-21T22:04:00Z\"}",
            "{\"id\":\"01a2004b-3c18-73e4-9a20-7a0baeeb0826\",\"role\":\"NOBODY\",\"content\":\"x\",\"createdAt\":\"2026-11-21T22:04:00Z\"}",
            "{\"id\":\"01a2004b-3c18-73e4-9a20-7a0baeeb0826\",\"role\":\"USER\",\"createdAt\":\"2026-11-21T22:04:00Z\"}",
            "{\"id\":\"01a2004b-3c18-73e4-9a20-7a0baeeb0826\",\"role\":\"USER\",\"content\":\"x\",\"createdAt\":\"2026-11-21T22:04:00Z\",\"tokens\":\"many\"}",
            "{\"id\":\"01a2004b-3c18-73e4-9a20-7a0baeeb0826\",\"role\":\"USER\",\"content\":\"x\",\"createdAt\":\"yesterday\"}",
            "{\"id\":\"01a2004b-3c18-73e4-9a20-7a0baeeb0826\",\"role\":\"USER\",\"content\":\"x\",\"createdAt\":\"2026-11-21T22:04:00Z\"} {}",
            "{\"id\":\"01a2004b-3c18-73e4-9a20-7a0baeeb0826\",\"role\":\"USER\",\"content\":\"x\",\"createdAt\":\"2026-11-21T22:04:00Z\",\"toolCalls\":{}}"})
    void textThatIsNotAMessageIsCorruptAtItsKey(String json) {
        assertThatThrownBy(() -> JsonCodec.readMessage("mnemo:ns:{s}:msgs", json))
                .isInstanceOf(CorruptDataException.class).hasMessageContaining("mnemo:ns:{s}:msgs");
    }
}
