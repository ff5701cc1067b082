package dev.mnemo.store.firestore.internal;

import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.FieldPath;
import com.google.cloud.firestore.FieldValue;
import dev.mnemo.State;
import dev.mnemo.StateDelta;
import dev.mnemo.JsonCodec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * State values in a document's {@code state} map, one field per key, each value its JSON text
 * (any JSON, arrays in arrays included, read back as the same Java values as in every tier).
 * Deltas are written through a field mask: a set key's value is replaced whole, never merged; a
 * removed key is deleted; keys the delta does not name are untouched. Field paths are built
 * segment by segment ({@link FieldPath#of}), so dots, slashes and backticks in keys need no
 * escaping; the names Firestore reserves ({@code __x__}) do, and get a {@code ~} in front, as do
 * keys that start with {@code ~}, so every stored name reads back as its key.
 */
public final class StateCodec {

    static final String STATE = "state";
    private static final String ESCAPE = "~";

    private StateCodec() {
    }

    /**
     * One scope's part of a delta as a write: the data and the mask of the fields it changes.
     *
     * @param data the document data, {@code {state: {name: json or delete}}}
     * @param mask the field paths written
     */
    public record Write(Map<String, Object> data, List<FieldPath> mask) {
    }

    /** @return the write of {@code delta}, whose keys all belong to one document */
    public static Write write(StateDelta delta) {
        Map<String, Object> values = new LinkedHashMap<>();
        List<FieldPath> mask = new ArrayList<>();
        delta.updates().forEach((key, value) -> {
            values.put(fieldName(key), JsonCodec.write(value));
            mask.add(FieldPath.of(STATE, fieldName(key)));
        });
        delta.removals().forEach(key -> {
            values.put(fieldName(key), FieldValue.delete());
            mask.add(FieldPath.of(STATE, fieldName(key)));
        });
        return new Write(Map.of(STATE, values), mask);
    }

    /**
     * @param snapshot a state document, which may not exist
     * @return the state it holds
     * @throws dev.mnemo.InvalidInputException naming the document and key when a value is corrupt
     */
    public static State read(DocumentSnapshot snapshot) {
        Fields fields = Fields.of(snapshot);
        if (!fields.has(STATE)) {
            return State.EMPTY;
        }
        Map<String, Object> values = new LinkedHashMap<>();
        Fields stored = new Fields(fields.path() + " " + STATE, fields.map(STATE));
        for (String name : fields.map(STATE).keySet()) {
            values.put(key(name), stored.json(name, Object.class, null));
        }
        return new State(values);
    }

    /** @return the stored field name of a state key */
    static String fieldName(String key) {
        boolean reserved = key.length() >= 4 && key.startsWith("__") && key.endsWith("__");
        return reserved || key.startsWith(ESCAPE) ? ESCAPE + key : key;
    }

    /** @return the state key of a stored field name */
    static String key(String fieldName) {
        return fieldName.startsWith(ESCAPE) ? fieldName.substring(ESCAPE.length()) : fieldName;
    }
}
