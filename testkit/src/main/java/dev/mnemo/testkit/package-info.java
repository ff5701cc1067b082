/**
 * The Mnemo test kit: the contracts every plugin proves, as JUnit 5 tests a plugin's test extends,
 * and JUnit 5 extensions that start real servers for them.
 * {@link dev.mnemo.testkit.MemoryStoreContract} composes the per-concern store contracts
 * ({@link dev.mnemo.testkit.SessionContract}, {@link dev.mnemo.testkit.AppendContract} and the
 * others, each over a {@link dev.mnemo.testkit.StoreFixture}); a tier's test extends it and says
 * only how to build its store. {@link dev.mnemo.testkit.AnalyticsBufferContract} does the same for
 * an {@link dev.mnemo.spi.AnalyticsBuffer}.
 *
 * <p>For the framework adapters' tests: {@link dev.mnemo.testkit.TieredServers} (Redis and the
 * Firestore emulator with Mnemo over them), {@link dev.mnemo.testkit.Faults} (the faults a
 * conversation is run through, and its checks), {@link dev.mnemo.testkit.Processes} (freezing a
 * server), {@link dev.mnemo.testkit.SilentTier} (a tier that never answers, for deadlines) and
 * {@link dev.mnemo.testkit.Snippets} (README snippets held to compiled code).
 */
@NullMarked
package dev.mnemo.testkit;

import org.jspecify.annotations.NullMarked;
