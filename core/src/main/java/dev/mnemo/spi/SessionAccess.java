package dev.mnemo.spi;

import dev.mnemo.Message;
import dev.mnemo.Session;
import dev.mnemo.SessionEnd;
import dev.mnemo.SessionId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * What a {@link SessionListener} may do with the Mnemo it listens to: a narrow view, so a listener
 * (such as the analytics of {@code mnemo-analytics}) depends on this interface and not on the
 * facade. Calls go through Mnemo's routing: the hot tier first, breakers and time limits included.
 */
public interface SessionAccess {

    /** @return the namespace of every session of this Mnemo */
    String namespace();

    /** @return the session, or empty when it does not exist or has expired */
    CompletionStage<Optional<Session>> getSession(SessionId id);

    /**
     * @param limit how many, at least 1
     * @return the session's last {@code limit} messages, oldest first
     */
    CompletionStage<List<Message>> history(SessionId id, int limit);

    /**
     * Ends the session as {@code Mnemo.endSession} does, recording why and by whom.
     *
     * @return {@code true} when this call ended the session, {@code false} when it had ended already
     */
    CompletionStage<Boolean> endSession(SessionId id, SessionEnd end);

    /**
     * @return the tiers in routing order, each behind its resilience wrapper when there are several,
     *         to learn what each offers (such as {@link AnalyticsBuffers}); a listener
     *         calls no other method of them
     */
    List<MemoryStore> tiers();
}
