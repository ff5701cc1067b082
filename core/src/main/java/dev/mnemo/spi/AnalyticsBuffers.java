package dev.mnemo.spi;

import java.time.Duration;

/**
 * A capability of a tier (see {@link MemoryStore#capability}): it can hold session analytics where
 * every process sees them, so the analytics module keeps its per-session buffer there when this is
 * the hot tier, and any process can end a session and a crash loses nothing.
 */
public interface AnalyticsBuffers {

    /**
     * @param retention how long a buffer is kept after its last write: past a session's end or
     *                  expiry it covers the time a batch may wait for a sink that is down
     * @return the buffer
     */
    AnalyticsBuffer analyticsBuffer(Duration retention);
}
