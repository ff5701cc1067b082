package dev.mnemo.store.firestore.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DocumentSizeTest {

    @Test
    void aStringCountsItsUtf8BytesPlusOneWithoutEncodingIt() {
        for (String text : new String[] {"", "ascii", "é", "€uro", "emoji 😀 and 中文", "x".repeat(10_000)}) {
            long expected = text.getBytes(StandardCharsets.UTF_8).length + 1L;
            assertThat(DocumentSize.of("c/d", Map.of("f", text)) - DocumentSize.of("c/d", Map.of("f", "")))
                    .as(text).isEqualTo(expected - 1);
        }
    }

    @Test
    void aPathCountsEachSegmentsBytesPlusOne() {
        long twoSegments = DocumentSize.of("ab/cde", Map.of());
        long threeSegments = DocumentSize.of("ab/cde/f", Map.of());
        assertThat(threeSegments - twoSegments).as("one more segment of 1 byte").isEqualTo(2);
        assertThat(DocumentSize.of("ab/cde", Map.of()) - DocumentSize.of("a/cde", Map.of())).isEqualTo(1);
    }
}
