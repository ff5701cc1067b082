package dev.mnemo.store.redis.internal;

import dev.mnemo.ConflictException;
import dev.mnemo.InvalidInputException;
import dev.mnemo.SessionNotFoundException;
import dev.mnemo.spi.SessionRef;
import java.util.List;

/**
 * The reply of a {@link Script}: a list whose first element is a code (the same numbers as
 * {@code prelude.lua}) and whose other elements are the script's results.
 *
 * @param values   the reply as Lettuce decoded it: Long, String, nested List, or null for Lua's false
 * @param reloaded whether the server had lost the script and it was sent again whole, after any
 *                 command sent right behind the first attempt
 */
public record ScriptReply(List<Object> values, boolean reloaded) {

    private static final long OK = 0;
    private static final long NOT_FOUND = 1;
    private static final long ENDED = 2;
    private static final long NO_USER = 3;
    private static final long JOURNAL_FULL = 4;
    private static final long PURGED = 5;
    private static final long CHANGED = 6;

    /**
     * @param ref the session the script ran on, named in the errors
     * @return this reply when its code is OK
     * @throws SessionNotFoundException when the session does not exist
     * @throws ConflictException       when the session has ended
     * @throws InvalidInputException   when {@code user:} state was given to an anonymous session
     * @throws IllegalStateException    for any other code, such as {@link #journalFull()}'s
     */
    public ScriptReply require(SessionRef ref) {
        long code = number(0);
        if (code == NOT_FOUND) {
            throw new SessionNotFoundException(ref.toString());
        }
        if (code == ENDED) {
            throw new ConflictException("Session " + ref + " has ended and takes no more messages");
        }
        if (code == NO_USER) {
            throw new InvalidInputException("Session " + ref + " has no user, so it has no user: state");
        }
        if (code == PURGED) {
            throw new SessionNotFoundException(ref + " was purged");
        }
        if (code != OK) {
            throw new IllegalStateException("Unknown script reply code " + code + " for session " + ref);
        }
        return this;
    }

    /** @return whether the script refused an append because the session's journal is full; {@link #number} 1 holds its size */
    public boolean journalFull() {
        return number(0) == JOURNAL_FULL;
    }

    /** @return whether a compare-and-set script found the value changed since it was read; {@link #text} 1 holds it now */
    public boolean changed() {
        return number(0) == CHANGED;
    }

    /** @return the integer at {@code index} */
    public long number(int index) {
        return (Long) values.get(index);
    }

    /** @return whether the integer at {@code index} is 1 */
    public boolean flag(int index) {
        return number(index) == 1;
    }

    /** @return the string at {@code index}, or {@code null} when the script gave false or nothing there */
    public String text(int index) {
        return index < values.size() ? (String) values.get(index) : null;
    }

    /** @return the list of strings at {@code index} */
    @SuppressWarnings("unchecked")
    public List<String> texts(int index) {
        return (List<String>) values.get(index);
    }
}
