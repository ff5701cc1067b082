package dev.mnemo;

/** When an append is acknowledged, given a durable tier. */
public enum WriteMode {
    /**
     * The default: acknowledged when the durable tier has the messages. When the hot tier's journal
     * holds them and the durable tier is out, or has not answered within
     * {@link MnemoConfig#durableDeadline()}, the append is acknowledged degraded and the journal
     * delivers them; without a journal, once they wait in this process and a serving tier has them.
     */
    WRITE_THROUGH,
    /**
     * Acknowledged when the hot tier has the messages and has journaled them; they reach the
     * durable tier in batches right after, from this process or, should it die, from any other.
     * While the hot tier is out an append waits for the durable tier as in {@link #WRITE_THROUGH},
     * so no acknowledged message depends on this process's memory alone while the durable tier
     * answers. A hot tier that keeps no journal (a plugin without
     * {@link dev.mnemo.spi.DurableJournal}) leaves the messages in this process until they are
     * flushed: a crash loses those, at most {@link MnemoConfig#journalMaxMessages()}.
     */
    WRITE_BEHIND
}
