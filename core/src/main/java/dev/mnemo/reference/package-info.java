/**
 * The map-backed reference store: the executable specification of the
 * {@link dev.mnemo.spi.MemoryStore} contract, which the TCK runs first, and the engine the Caffeine
 * tier extends with bounded maps.
 */
@NullMarked
package dev.mnemo.reference;

import org.jspecify.annotations.NullMarked;
