/**
 * The Caffeine tier ({@code memory}): Mnemo's embedded default and the fallback when a server
 * tier fails. Configured by keys below {@code mnemo.memory.}, see {@link dev.mnemo.store.memory.MemoryStoreConfig}.
 */
package dev.mnemo.store.memory;
