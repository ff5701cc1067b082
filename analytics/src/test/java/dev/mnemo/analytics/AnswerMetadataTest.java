package dev.mnemo.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mnemo.Message;
import dev.mnemo.Role;
import dev.mnemo.spi.AnswerRecord;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnswerMetadataTest {

    @Test
    void anAnswerIsAnAssistantMessageThatCallsNoTool() {
        assertThat(AnswerMetadata.isAnswer(Message.assistant("Hello"))).isTrue();
        assertThat(AnswerMetadata.isAnswer(Message.user("Hello"))).isFalse();
        assertThat(AnswerMetadata.isAnswer(Message.builder(Role.ASSISTANT).content("")
                .toolCall("c1", "lookup", "{}").build())).isFalse();
    }

    @Test
    void metadataBecomesTheRecordAndTheQueryInMetadataWins() {
        Message answer = Message.builder(Role.ASSISTANT).content("Ça va").metadata(Map.of("query", "Comment ça va ?",
                "confidence", 0.5, "sources", List.of("kb-1", 42, Map.of("id", "kb-3"), Map.of("title", "no id")),
                "model", "gpt-4o", "tokensIn", 10, "tokensOut", 3, "latency", Map.of("llm", List.of(12.6, 7), "tts", 5)))
                .build().withTokens(9);
        AnswerRecord record = AnswerMetadata.toRecord(answer, "ignored", 1000);
        assertThat(record.query()).isEqualTo("Comment ça va ?");
        assertThat(record.responseLength()).isEqualTo(5);
        assertThat(record.confidence()).isEqualTo(0.5);
        assertThat(record.sources()).containsExactly("kb-1", "42", "kb-3");
        assertThat(record.tokensIn()).isEqualTo(10);
        assertThat(record.tokensOut()).isEqualTo(3);
        assertThat(record.latencyMillis()).isEqualTo(Map.of("llm", List.of(13L, 7L), "tts", List.of(5L)));
        assertThat(record.at()).isEqualTo(answer.createdAt());
    }

    @Test
    void valuesOfTheWrongTypeOrRangeAreLeftOutAndCompletionTokensDefaultToTheAnswersCount() {
        Message answer = Message.builder(Role.ASSISTANT).content("Hi").metadata(Map.of("confidence", 1.5,
                "sources", "kb-1", "tokensIn", -4, "latency", Map.of("llm", "slow", "tts", -1), "model", 7))
                .build().withTokens(9);
        AnswerRecord record = AnswerMetadata.toRecord(answer, "What?", 2);
        assertThat(record.query()).as("cut to the limit").isEqualTo("Wh");
        assertThat(record.confidence()).isNull();
        assertThat(record.sources()).isEmpty();
        assertThat(record.tokensIn()).isZero();
        assertThat(record.tokensOut()).isEqualTo(9);
        assertThat(record.latencyMillis()).isEmpty();
        assertThat(record.model()).isNull();
    }
}
