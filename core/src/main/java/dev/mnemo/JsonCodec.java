package dev.mnemo;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.mnemo.spi.support.InstantText;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;

/**
 * The JSON form of Mnemo's values, shared by every tier that stores text (one source of truth
 * for the wire format). Instants are ISO-8601 strings, as {@link Instant#toString()} writes them
 * (read and written by {@link InstantText}: a context read parses one per message); null and empty
 * properties are left out, except empty strings, which are kept; map entries are all kept. A message's JSON always starts with its
 * id, {@code {"id":"<uuid>"}}, where a store may read it without parsing the rest (the Redis tier's
 * scripts do).
 */
public final class JsonCodec {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addMixIn(Message.class, IdFirst.class)
            .addModule(new SimpleModule("mnemo-instants")
                    .addSerializer(Instant.class, new InstantSerializer())
                    .addDeserializer(Instant.class, new InstantDeserializer()))
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // Empty properties of Mnemo's records are left out; the entries of a map (metadata,
            // state values) are data and always kept, empty or null.
            .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_EMPTY, JsonInclude.Include.ALWAYS))
            // An empty string is data (the content of an assistant message that only calls tools), not absence.
            .withConfigOverride(String.class, override -> override.setInclude(
                    JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL)))
            .build();
    private static final MessageJson MESSAGES = new MessageJson(MAPPER);

    private JsonCodec() {
    }

    /** @return the configured mapper; do not reconfigure it */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * @param value any value Jackson can write
     * @return its JSON text
     * @throws InvalidInputException when it cannot be written
     */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("Cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /**
     * @param where the key or path the text was read from, named in the error
     * @param json  the text
     * @param type  what to read
     * @return the value
     * @throws CorruptDataException naming {@code where} when the text is not a valid {@code type}
     */
    public static <T> T read(String where, String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new CorruptDataException(where, "not a valid " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /**
     * As {@code read(where, json, Message.class)}, faster: the read path decodes a whole window of
     * messages per context read (see {@link MessageJson}).
     *
     * @return the message read from {@code json}, see {@link #read(String, String, Class)}
     */
    public static Message readMessage(String where, String json) {
        try {
            return MESSAGES.read(json);
        } catch (IOException | RuntimeException e) {
            throw new CorruptDataException(where, "not a valid Message: " + e.getMessage(), e);
        }
    }

    /**
     * @param value any object Jackson can convert
     * @return the same value as plain JSON types: null, Boolean, Number, String, List, Map
     * @throws InvalidInputException when it cannot be represented as JSON
     */
    public static Object normalize(Object value) {
        return convert(value, Object.class);
    }

    /**
     * @param value a JSON-compatible value
     * @param type  the type to convert it to
     * @return the converted value
     * @throws InvalidInputException when it does not convert
     */
    public static <T> T convert(Object value, Class<T> type) {
        try {
            return MAPPER.convertValue(value, type);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("Cannot convert " + value + " to " + type.getSimpleName(), e);
        }
    }

    /**
     * @param what what the text is, named in the error
     * @param text the text to check
     * @throws InvalidInputException when {@code text} is not one JSON value
     */
    public static void requireJson(String what, String text) {
        try {
            if (MAPPER.readTree(text).isMissingNode()) {
                throw new InvalidInputException("Malformed JSON in " + what + ": no value");
            }
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("Malformed JSON in " + what + ": " + e.getOriginalMessage(), e);
        }
    }

    /** Puts a message's id first, whatever order Jackson would pick. */
    @JsonPropertyOrder({"id"})
    private interface IdFirst {
    }

    /** Writes an instant as {@link InstantText#format} does. */
    private static final class InstantSerializer extends StdScalarSerializer<Instant> {
        InstantSerializer() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            generator.writeString(InstantText.format(value));
        }
    }

    /** Reads an instant from ISO-8601 text with {@link InstantText#parse}. */
    private static final class InstantDeserializer extends StdScalarDeserializer<Instant> {
        InstantDeserializer() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                return (Instant) context.handleUnexpectedToken(Instant.class, parser);
            }
            String text = parser.getText();
            try {
                return InstantText.parse(text.trim());
            } catch (DateTimeException e) {
                return (Instant) context.handleWeirdStringValue(Instant.class, text, e.getMessage());
            }
        }
    }
}
