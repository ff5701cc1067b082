package dev.mnemo.store.memory;

import com.github.benmanes.caffeine.cache.Caffeine;
import dev.mnemo.State;
import dev.mnemo.reference.MapMemoryStore;
import dev.mnemo.reference.SessionEntry;
import dev.mnemo.spi.Capabilities;
import dev.mnemo.spi.SessionRef;
import java.time.Clock;

/**
 * The in-process tier: the embedded default, and the fallback when a server tier fails. Sessions
 * live in a Caffeine cache bounded by their estimated weight and expiring after access; each keeps
 * its full history. Appends to one session serialise in the cache's atomic compute for its key,
 * which also re-weighs the session; reads take no lock. Not shared across processes, not durable.
 */
public final class CaffeineMemoryStore extends MapMemoryStore {

    /** The tier's name, as used in {@code mnemo.tiers}. */
    public static final String NAME = "memory";

    /** @param config the bounds and expiry */
    public CaffeineMemoryStore(MemoryStoreConfig config) {
        super(NAME, new Capabilities(false, false, 0, config.expireAfterAccess()),
                Caffeine.newBuilder()
                        .maximumWeight(config.maximumWeight())
                        .weigher((SessionRef ref, SessionEntry entry) -> entry.weight())
                        .expireAfterAccess(config.expireAfterAccess())
                        .<SessionRef, SessionEntry>build().asMap(),
                Caffeine.newBuilder()
                        .maximumSize(config.maximumSharedScopes())
                        .expireAfterAccess(config.expireAfterAccess())
                        .<String, State>build().asMap(),
                Clock.systemUTC());
    }
}
