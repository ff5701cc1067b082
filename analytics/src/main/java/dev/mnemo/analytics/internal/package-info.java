/**
 * The machinery of {@link dev.mnemo.analytics.SessionAnalytics}: the in-process buffer, batch
 * assembly, writes with retries, the sweep and sink discovery. Not for users; it may change
 * without notice.
 */
@NullMarked
package dev.mnemo.analytics.internal;

import org.jspecify.annotations.NullMarked;
