package dev.mnemo.store.redis.internal;

import java.util.function.Function;

/**
 * Values decoded from JSON, kept by the text they were decoded from. A chat reads the same window
 * every turn, one message newer than the last time, and decoding its 20 messages and its summary
 * is most of what a context read costs this process (JSON of a few hundred characters each); with
 * this cache a turn decodes about one. An entry is used only when its text equals the text just
 * read, so a changed or corrupt value is always decoded afresh; texts are compared in full, which
 * costs a small fraction of decoding them.
 *
 * <p>A fixed table of {@value #SLOTS} slots, each holding one text and its value, chosen by a hash
 * the caller gives (for a message its id, for a summary its key): bounded to about
 * {@value #SLOTS} values of a few kilobytes each, with no eviction to run. Lock-free: entries are
 * immutable, and a lost race only costs a decode. Thread-safe.
 *
 * @param <T> the decoded type
 */
public final class DecodeCache<T> {

    /** The number of slots, a power of two. */
    public static final int SLOTS = 4096;

    @SuppressWarnings("unchecked")
    private final Entry<T>[] slots = new Entry[SLOTS];

    /**
     * @param hash   a hash of what the text is the value of, the same for every text of it
     * @param json   the text
     * @param decode decodes the text; its exceptions pass through, and nothing is kept then
     * @return the value decoded from {@code json}, decoded now unless the slot holds that text
     */
    public T get(int hash, String json, Function<String, T> decode) {
        int slot = (hash ^ (hash >>> 16)) & (SLOTS - 1);
        Entry<T> entry = slots[slot];
        if (entry != null && entry.json.equals(json)) {
            return entry.value;
        }
        T value = decode.apply(json);
        slots[slot] = new Entry<>(json, value);
        return value;
    }

    private record Entry<T>(String json, T value) {
    }
}
