package dev.mnemo.store.firestore.internal;

import com.google.cloud.firestore.DocumentReference;
import dev.mnemo.InvalidInputException;
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
        return of(ref.getPath(), fields);
    }

    /** @return the size of a document at {@code path} (segments joined by {@code /}) holding {@code fields} */
    public static long of(String path, Map<String, ?> fields) {
        // Each segment counts its bytes plus 1: the path's bytes less its slashes, plus one per segment.
        return DOCUMENT_OVERHEAD + DOCUMENT_NAME_OVERHEAD + string(path) + map(fields);
    }

    /**
     * @param what what the document would hold, for the message, such as {@code "Message 0190..."}
     * @return {@code size}
     * @throws InvalidInputException when {@code size} passes {@link #MAX_DOCUMENT_BYTES}
     */
    public static long requireFits(String what, long size) {
        return requireFits(() -> what, size);
    }

    /** As {@link #requireFits(String, long)}, the text made only when the document does not fit. */
    public static long requireFits(java.util.function.Supplier<String> what, long size) {
        if (size > MAX_DOCUMENT_BYTES) {
            throw new InvalidInputException(what.get() + " would make a Firestore document of " + size
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
        return utf8Length(text) + 1L;
    }

    /** @return the UTF-8 length of {@code text}, counted without encoding it (a message may hold 1 MiB) */
    private static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
