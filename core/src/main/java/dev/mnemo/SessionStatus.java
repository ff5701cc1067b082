package dev.mnemo;

/** Where a session is in its life. */
public enum SessionStatus {
    /** Takes messages. */
    ACTIVE,
    /** Ended: its final summary and analytics are written; it takes no more messages. */
    ENDED
}
