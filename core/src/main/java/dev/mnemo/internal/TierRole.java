package dev.mnemo.internal;

import dev.mnemo.spi.Capabilities;

/** The part a tier plays in routing, read from its capabilities. */
public enum TierRole {
    /** Durable: the full transcript, the system of record (Firestore). */
    DURABLE,
    /** Shared and fast: the hot window every process sees (Redis). */
    HOT,
    /** In this process only: the embedded default and the fallback (Caffeine). */
    FALLBACK;

    /** @return DURABLE for a durable tier, else HOT for a shared one, else FALLBACK */
    public static TierRole of(Capabilities capabilities) {
        if (capabilities.durable()) {
            return DURABLE;
        }
        return capabilities.shared() ? HOT : FALLBACK;
    }
}
