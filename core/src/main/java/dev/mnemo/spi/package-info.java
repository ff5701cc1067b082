/**
 * The service-provider interfaces: {@link dev.mnemo.spi.MemoryStore} (one storage tier) and its
 * {@link dev.mnemo.spi.StoreProvider}, found with {@link java.util.ServiceLoader}; the
 * {@link dev.mnemo.spi.Summarizer}, {@link dev.mnemo.spi.TokenCounter}, analytics buffers and
 * sinks; and {@link dev.mnemo.spi.StoreConfig}, the configuration view every provider reads.
 * A new tier proves its contract with {@code MemoryStoreContract} from {@code mnemo-testkit}.
 */
@NullMarked
package dev.mnemo.spi;

import org.jspecify.annotations.NullMarked;
