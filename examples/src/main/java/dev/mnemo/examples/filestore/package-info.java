/**
 * A custom store plugin, as its author writes it: the store ({@link dev.mnemo.examples.filestore.FileStore},
 * a tier on plain JSON files), its settings read from a {@link dev.mnemo.spi.StoreConfig}
 * ({@link dev.mnemo.examples.filestore.FileStoreConfig}, whose keys are declared as
 * {@link dev.mnemo.spi.ConfigKey}s and listed in the module's {@link dev.mnemo.spi.ConfigKeys}, so
 * that Mnemo does not refuse them as unknown), and its provider
 * ({@link dev.mnemo.examples.filestore.FileStoreProvider}), registered in
 * {@code META-INF/services/dev.mnemo.spi.StoreProvider}. Its test extends
 * {@code dev.mnemo.testkit.MemoryStoreContract}. The tier, {@code file}, is available only when
 * {@code mnemo.file.directory} is set; then {@code mnemo.tiers=file} (or its priority) selects it.
 */
@NullMarked
package dev.mnemo.examples.filestore;

import org.jspecify.annotations.NullMarked;
