package dev.mnemo.store.firestore.internal;

import com.google.cloud.firestore.DocumentReference;
import dev.mnemo.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The storage size of a document by Firestore's published rules, so that what would pass its
 * limits is refused before anything is written: a string counts its UTF-8 bytes plus 1, a number,
 * timestamp or field transform 8, a boolean or null 1, a map its keys and values, an array its
 * elements; a document its name (each path segment's bytes plus 1, plus 16), its fields, and 32.
 */
public final class DocumentSize {

    /** Firestore's limit on one document: 1 MiB. */
    public static final int MAX_DOCUMENT_BYTES = 1_048_576;
    /**
     * The most bytes of documents one commit of this tier carries: 3.5 MiB. Firestore takes 10 MiB
     * per request, but its emulator refuses a request over its 4 MiB gRPC message limit (a commit
     * of 4.8 MiB fails there with "too many retries"), and a smaller commit also keeps each call
     * short; a document still takes up to 1 MiB.
     */
    public static final int MAX_COMMIT_BYTES = 3_670_016;
    /** Firestore's limit on the writes of one commit. */
    public static final int MAX_WRITES = 500;

    private static final int NUMBER = 8;
    private static final int DOCUMENT_NAME_OVERHEAD = 16;
    private static final int DOCUMENT_OVERHEAD = 32;

    private DocumentSize() {
    }

    /** @return the size of a document at {@code ref} holding {@code fields} */
    public static long of(DocumentReference ref, Map<String, ?> fields) {
        long size = DOCUMENT_OVERHEAD + DOCUMENT_NAME_OVERHEAD;
        for (String segment : ref.getPath().split("/")) {
            size += string(segment);
        }
        return size + map(fields);
    }

    /**
     * @param what what the document would hold, for the message, such as {@code "Message 0190..."}
     * @return {@code size}
     * @throws InvalidInputException when {@code size} passes {@link #MAX_DOCUMENT_BYTES}
     */
    public static long requireFits(String what, long size) {
        if (size > MAX_DOCUMENT_BYTES) {
            throw new InvalidInputException(what + " would make a Firestore document of " + size
                    + " bytes, over its limit of " + MAX_DOCUMENT_BYTES + " bytes (1 MiB); nothing was stored");
        }
        return size;
    }

    private static long value(Object value) {
        if (value == null || value instanceof Boolean) {
            return 1;
        }
        if (value instanceof String text) {
            return string(text);
        }
        if (value instanceof Map<?, ?> map) {
            return map(map);
        }
        if (value instanceof List<?> list) {
            long size = 0;
            for (Object element : list) {
                size += value(element);
            }
            return size;
        }
        return NUMBER; // numbers, timestamps and field transforms such as increments
    }

    private static long map(Map<?, ?> map) {
        long size = 0;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            size += string(String.valueOf(entry.getKey())) + value(entry.getValue());
        }
        return size;
    }

    private static long string(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length + 1L;
    }
}
