package dev.mnemo;

/** When an append is acknowledged, given a durable tier. */
public enum WriteMode {
    /**
     * The default: acknowledged when the durable tier has the messages (or, while it is down,
     * when they are in the replay journal and a serving tier; the result then says degraded).
     */
    WRITE_THROUGH,
    /**
     * Acknowledged when the hot tier has the messages; they reach the durable tier in per-session
     * batches within the flush interval. A process crash loses what was not yet flushed: at most
     * the journal's bound, and about one flush interval of appends.
     */
    WRITE_BEHIND
}
