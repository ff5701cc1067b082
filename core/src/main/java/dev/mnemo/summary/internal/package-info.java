/**
 * The engine of rolling summaries, for {@link dev.mnemo.Mnemo} only: not an API, it may change
 * in any release.
 */
@NullMarked
package dev.mnemo.summary.internal;

import org.jspecify.annotations.NullMarked;
