package dev.mnemo.store.firestore.internal;

import com.google.cloud.Timestamp;
import com.google.cloud.firestore.DocumentSnapshot;
import dev.mnemo.CorruptDataException;
import dev.mnemo.spi.support.InstantText;
import dev.mnemo.JsonCodec;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * Typed reads of one stored document's fields. A field of the wrong type or form is corrupt
 * data: it is reported with {@link CorruptDataException} naming the document's path and the
 * field, never skipped.
 */
final class Fields {

    /** How much of a bad value an error message quotes, in characters. */
    private static final int SHOWN = 80;

    private final String path;
    private final Map<String, Object> data;

    Fields(String path, Map<String, Object> data) {
        this.path = path;
        this.data = data == null ? Map.of() : data;
    }

    static Fields of(DocumentSnapshot snapshot) {
        return new Fields(snapshot.getReference().getPath(), snapshot.getData());
    }

    String path() {
        return path;
    }

    boolean has(String field) {
        return data.get(field) != null;
    }

    String string(String field) {
        return required(field, String.class, "text");
    }

    String optionalString(String field) {
        return has(field) ? string(field) : null;
    }

    long number(String field) {
        return required(field, Long.class, "a whole number");
    }

    long optionalNumber(String field, long otherwise) {
        return has(field) ? number(field) : otherwise;
    }

    Instant timestamp(String field) {
        Timestamp timestamp = required(field, Timestamp.class, "a timestamp");
        return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
    }

    Instant optionalTimestamp(String field) {
        return has(field) ? timestamp(field) : null;
    }

    /** @return the field's ISO-8601 text as an instant, exact to the nanosecond */
    Instant isoInstant(String field) {
        String text = string(field);
        try {
            return InstantText.parse(text);
        } catch (DateTimeParseException e) {
            throw corrupt(field, "an ISO-8601 instant", text, e);
        }
    }

    Map<String, Object> map(String field) {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = required(field, Map.class, "a map");
        return map;
    }

    List<?> optionalList(String field) {
        return has(field) ? required(field, List.class, "an array") : List.of();
    }

    /** @return the field's JSON text read as {@code type}, or {@code otherwise} when the field is absent */
    <T> T json(String field, Class<T> type, T otherwise) {
        return has(field) ? JsonCodec.read(where(field), string(field), type) : otherwise;
    }

    <E extends Enum<E>> E enumValue(String field, Class<E> type) {
        String text = string(field);
        try {
            return Enum.valueOf(type, text);
        } catch (IllegalArgumentException e) {
            throw corrupt(field, "one of " + List.of(type.getEnumConstants()), text, e);
        }
    }

    /** @return the exception reporting that {@code field} does not hold what it should */
    CorruptDataException corrupt(String field, String expected, Object actual, Throwable cause) {
        return new CorruptDataException(where(field), "expected " + expected + ", found " + describe(actual), cause);
    }

    /** @return the exception reporting that the document as a whole does not make a valid value */
    CorruptDataException corrupt(String what, Throwable cause) {
        return new CorruptDataException(path, "not a valid " + what + ": " + cause.getMessage(), cause);
    }

    private String where(String field) {
        return path + " (field " + field + ")";
    }

    private <T> T required(String field, Class<T> type, String expected) {
        Object value = data.get(field);
        if (!type.isInstance(value)) {
            throw corrupt(field, expected, value, null);
        }
        return type.cast(value);
    }

    private static String describe(Object value) {
        if (value == null) {
            return "nothing";
        }
        String text = String.valueOf(value);
        return value.getClass().getSimpleName() + " '" + (text.length() > SHOWN ? text.substring(0, SHOWN) + "..." : text) + "'";
    }
}
