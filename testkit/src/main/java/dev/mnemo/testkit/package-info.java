/**
 * The Mnemo test kit: the contracts every plugin proves, as JUnit 5 tests a plugin's test extends,
 * and JUnit 5 extensions that start real servers for them.
 * {@link dev.mnemo.testkit.MemoryStoreContract} composes the per-concern store contracts
 * ({@link dev.mnemo.testkit.SessionContract}, {@link dev.mnemo.testkit.AppendContract} and the
 * others, each over a {@link dev.mnemo.testkit.StoreFixture}); a tier's test extends it and says
 * only how to build its store. {@link dev.mnemo.testkit.AnalyticsBufferContract} does the same for
 * an {@link dev.mnemo.spi.AnalyticsBuffer}.
 */
@NullMarked
package dev.mnemo.testkit;

import org.jspecify.annotations.NullMarked;
