/**
 * The Caffeine tier ({@code memory}): Mnemo's embedded default and the fallback when a server
 * tier fails. Configured by keys below {@code mnemo.memory.}, see {@link dev.mnemo.store.memory.MemoryStoreConfig}.
 */
@NullMarked
package dev.mnemo.store.memory;

import org.jspecify.annotations.NullMarked;
