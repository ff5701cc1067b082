package dev.mnemo.spi;

import java.util.concurrent.CompletionStage;

/**
 * A capability of a tier that holds copies (see {@link MemoryStore#capability}): it can drop its
 * copy of a session, but not what it still owes the durable tier (its {@link DurableJournal}), so
 * the copy can be warmed again from the durable tier. The router uses it to repair a session whose
 * data in this tier cannot be read back.
 */
public interface Resettable {

    /** @return whether the tier held a copy of the session */
    CompletionStage<Boolean> reset(SessionRef ref);
}
