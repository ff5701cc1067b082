/**
 * The Mnemo test kit: {@link dev.mnemo.testkit.MemoryStoreContract}, the contract tests every
 * tier passes, and JUnit 5 extensions that start real servers for them.
 */
@NullMarked
package dev.mnemo.testkit;

import org.jspecify.annotations.NullMarked;
