package dev.mnemo;

/** The session named does not exist (never created, expired, or purged). */
public class SessionNotFoundException extends MnemoException {

    /** @param sessionId the id that was looked up, with its namespace */
    public SessionNotFoundException(String sessionId) {
        super("Session not found: " + sessionId);
    }
}
