/**
 * Session analytics for Mnemo: each answer's metadata buffered per session (in the hot tier when
 * it offers a buffer, else in process memory) and written once, in one batch, when the session
 * ends or idles out. Start with {@link dev.mnemo.analytics.SessionAnalytics}; settings are keys
 * below {@code mnemo.analytics.}, see {@link dev.mnemo.analytics.AnalyticsConfig}. Sinks:
 * {@link dev.mnemo.analytics.InMemoryAnalyticsSink}, {@link dev.mnemo.analytics.LoggingAnalyticsSink},
 * and the Firestore sink of {@code mnemo-store-firestore}, found by ServiceLoader.
 */
@NullMarked
package dev.mnemo.analytics;

import org.jspecify.annotations.NullMarked;
