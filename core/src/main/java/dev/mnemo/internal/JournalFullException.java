package dev.mnemo.internal;

import dev.mnemo.StoreUnavailableException;

/** The replay journal holds as many messages as it may; the write was refused, not queued. */
public final class JournalFullException extends StoreUnavailableException {

    JournalFullException(String tier, int capacity) {
        super(tier, "the replay journal is full (" + capacity + " messages, mnemo.journal.max-messages); "
                + "the write was refused and can be retried", null);
    }
}
