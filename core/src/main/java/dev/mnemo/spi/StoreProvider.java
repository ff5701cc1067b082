package dev.mnemo.spi;

/**
 * Makes one kind of tier. Implementations have a public no-argument constructor and are
 * registered in {@code META-INF/services/dev.mnemo.spi.StoreProvider}, where
 * {@link java.util.ServiceLoader} finds them; {@code mnemo.tiers} names the tiers by
 * {@link #name()}, else every available one is used by {@link #priority()}.
 */
public interface StoreProvider extends Provider<MemoryStore> {
}
