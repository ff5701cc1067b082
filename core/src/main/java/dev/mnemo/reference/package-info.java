/**
 * The map-backed reference store: the executable specification of the
 * {@link dev.mnemo.spi.MemoryStore} contract, which the TCK runs first, and the engine the Caffeine
 * tier extends with bounded maps.
 *
 * <p>Null-safety: parameters and return values are non-null unless their Javadoc says otherwise.
 */
package dev.mnemo.reference;
