/**
 * Mnemo's public API: {@link dev.mnemo.Mnemo} (async) and {@link dev.mnemo.BlockingMnemo}, the
 * domain model ({@link dev.mnemo.Message}, {@link dev.mnemo.Session}, {@link dev.mnemo.Summary},
 * {@link dev.mnemo.State}) and the {@link dev.mnemo.MnemoException} family.
 *
 * <p>Null-safety: parameters and return values are non-null unless their Javadoc says otherwise;
 * absent values are {@link java.util.Optional}.
 */
package dev.mnemo;
