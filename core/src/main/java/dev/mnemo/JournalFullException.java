package dev.mnemo;

/**
 * An append was refused, not queued: the journal of writes waiting for the durable tier holds as
 * much as it may (see {@code mnemo.redis.journal-limit} and {@code mnemo.journal.max-messages}).
 * Nothing of the append was stored; it can be retried once the durable tier has caught up. It is a
 * refusal, not an outage ({@link WriteRefusedException}): no breaker counts it and no other tier
 * takes the append instead.
 */
public class JournalFullException extends WriteRefusedException {

    /**
     * @param tier   the tier whose journal is full
     * @param detail how full, and the setting that bounds it
     */
    public JournalFullException(String tier, String detail) {
        super(tier, "the journal is full: " + detail + "; the write was refused and can be retried", null);
    }
}
