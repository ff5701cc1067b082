package dev.mnemo.spi.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mnemo.CorruptDataException;
import dev.mnemo.InvalidInputException;
import dev.mnemo.Message;
import dev.mnemo.JsonCodec;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InstantTextTest {

    @Test
    void formatsAndParsesExactlyAsInstantDoes() {
        Random random = new Random(7);
        long min = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long max = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 100_000; i++) {
            long seconds = min + (long) (random.nextDouble() * (max - min));
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(seconds, nanos);
            String text = instant.toString();
            assertEquals(text, InstantText.format(instant));
            assertEquals(instant, InstantText.parse(text));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-21T22:04:00Z", "2026-11-21T22:04:00.Z", "2026-11-21T24:00:00Z", "2026-11-21T22:04:00.1Z", "2026-11-21T22:04:00.12Z",
            "2026-11-21T22:04:00.123456789Z", "2024-02-29T23:59:59.5Z", "0000-01-01T00:00:00Z",
            "2026-11-21T22:04:00+01:00", "+10000-01-01T00:00:00Z", "-0001-12-31T23:59:59Z", "2026-06-30T23:59:60Z"})
    void readsWhatInstantReads(String text) {
        assertEquals(Instant.parse(text), InstantText.parse(text));
    }

    @Test
    void writesTheYearsOutsideFourDigitsAsInstantDoes() {
        for (Instant instant : new Instant[] {Instant.MIN, Instant.MAX, Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.parse("-0001-12-31T23:59:59.999Z"), Instant.EPOCH}) {
            assertEquals(instant.toString(), InstantText.format(instant));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "2026-11-21", "2026-11-21T22:04:00", "2026-13-01T00:00:00Z",
            "2026-02-30T00:00:00Z", "2026-11-21T24:00:01Z", "2026-11-21T22:60:00Z", "2026-11-21T22:04:00.1234567890Z",
            "2026-1a-21T22:04:00Z", "2026-11-21 22:04:00Z", "yesterday"})
    void rejectsWhatInstantRejects(String text) {
        assertThrows(DateTimeParseException.class, () -> Instant.parse(text));
        assertThrows(DateTimeParseException.class, () -> InstantText.parse(text));
    }

    @Test
    void theJsonFormIsInstantText() {
        Message message = Message.user("hello");
        String json = JsonCodec.write(message);
        assertEquals(true, json.contains("\"createdAt\":\"" + message.createdAt() + "\""), json);
        assertEquals(message, JsonCodec.readMessage("test", json));
        CorruptDataException bad = assertThrows(CorruptDataException.class, () -> JsonCodec.readMessage("key-1",
                json.replace(message.createdAt().toString(), "2026-02-30T00:00:00Z")));
        assertEquals(true, bad.getMessage().contains("key-1"), bad.getMessage());
        assertThrows(CorruptDataException.class, () -> JsonCodec.readMessage("key-2",
                json.replace("\"" + message.createdAt() + "\"", "12")));
    }
}
