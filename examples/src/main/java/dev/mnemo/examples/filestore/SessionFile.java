package dev.mnemo.examples.filestore;

import dev.mnemo.Message;
import dev.mnemo.Session;
import dev.mnemo.Summary;
import java.util.List;
import java.util.Map;

/**
 * What one session's file holds, written and read whole as JSON by {@link JsonFiles}.
 *
 * @param session  the session record with its counters
 * @param summary  the rolling summary, or {@code null}
 * @param state    the session-scoped state (the {@code user:} and {@code app:} scopes have files of their own)
 * @param messages every message, in id order
 */
record SessionFile(Session session, Summary summary, Map<String, Object> state, List<Message> messages) {

    /** Empty parts are left out of the JSON; they come back empty, not null. */
    SessionFile {
        state = state == null ? Map.of() : state;
        messages = messages == null ? List.of() : List.copyOf(messages);
    }

    /** @return the file of a new session */
    static SessionFile of(Session session) {
        return new SessionFile(session, null, Map.of(), List.of());
    }

    SessionFile with(Session changed) {
        return new SessionFile(changed, summary, state, messages);
    }

    SessionFile with(Summary changed) {
        return new SessionFile(session, changed, state, messages);
    }

    SessionFile with(Map<String, Object> changed) {
        return new SessionFile(session, summary, changed, messages);
    }

    SessionFile with(Session changed, List<Message> all) {
        return new SessionFile(changed, summary, state, all);
    }
}
