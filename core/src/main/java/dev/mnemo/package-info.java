/**
 * Mnemo's public API: {@link dev.mnemo.Mnemo} (async) and {@link dev.mnemo.BlockingMnemo}, the
 * domain model ({@link dev.mnemo.Message}, {@link dev.mnemo.Session}, {@link dev.mnemo.Summary},
 * {@link dev.mnemo.State}) and the {@link dev.mnemo.MnemoException} family.
 *
 * <p>Every package of Mnemo is {@code @NullMarked} (JSpecify): what may be null says
 * {@code @Nullable}; an absent value is otherwise an {@link java.util.Optional}.
 */
@NullMarked
package dev.mnemo;

import org.jspecify.annotations.NullMarked;
