package dev.mnemo.store.redis.internal;

import dev.mnemo.spi.DurableJournal.Journaled;
import dev.mnemo.spi.SessionChange;
import dev.mnemo.spi.support.ChangeCodec;
import dev.mnemo.Message;
import java.util.List;

/**
 * The three last arguments of every session-change script (see {@code prelude.lua}): the journal's
 * limit, the change's entry id and its JSON, or {@link #NONE} when the change is not journaled.
 */
public final class ChangeArgs {

    /** Not journaled: a tier used without a durable one, or a write the router does not journal. */
    public static final List<String> NONE = List.of("0", "", "");

    private ChangeArgs() {
    }

    /**
     * @param change the change to journal
     * @param limit  the most changes the session's journal holds, at least 1
     * @return the arguments that journal {@code change} under a new, time-ordered entry id
     */
    public static List<String> of(SessionChange<?> change, int limit) {
        return List.of(Integer.toString(limit), Message.newId().toString(), ChangeCodec.write(change));
    }

    /**
     * @param reply the script's reply
     * @param index where the entry id is; the count of earlier changes follows it
     * @return the reply's journaled part, for {@link Journaled}
     */
    public static <T> Journaled<T> journaled(T value, ScriptReply reply, int index) {
        String entry = reply.text(index);
        return new Journaled<>(value, entry,
                entry == null || index + 1 >= reply.values().size() ? 0 : reply.number(index + 1));
    }
}
