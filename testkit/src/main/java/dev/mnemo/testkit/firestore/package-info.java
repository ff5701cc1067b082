/**
 * The Firestore emulator for tests: {@link dev.mnemo.testkit.firestore.FirestoreEmulator}, a
 * handle on one emulator process (start, clear, stop, kill, restart on the same port), and
 * {@link dev.mnemo.testkit.firestore.FirestoreEmulatorExtension}, the JUnit 5 extension that shares
 * one emulator per JVM or uses the one {@code FIRESTORE_EMULATOR_HOST} names. The emulator comes
 * from the Debian package {@code google-cloud-cli-firestore-emulator}.
 */
@NullMarked
package dev.mnemo.testkit.firestore;

import org.jspecify.annotations.NullMarked;
