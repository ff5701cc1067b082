package dev.mnemo;

import org.jspecify.annotations.Nullable;

/**
 * What a tier holds cannot be read back: malformed JSON, a missing field, a key of the wrong type.
 * It names the key (or document path) so an operator can find it; it is never the caller's
 * mistake, and the router treats it in the hot tier as a miss: the durable tier answers and the
 * hot copy is rebuilt.
 */
public class CorruptDataException extends MnemoException {

    private final String key;

    /**
     * @param key   the key, field or document path that holds the bad data
     * @param why   what is wrong with it
     * @param cause the parser's or driver's exception, or {@code null}
     */
    public CorruptDataException(String key, String why, @Nullable Throwable cause) {
        super("Corrupt data at " + key + ": " + why, cause);
        this.key = key;
    }

    /** @return the key, field or document path that holds the bad data */
    public String key() {
        return key;
    }
}
