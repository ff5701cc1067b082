/**
 * Rolling summaries: when they run ({@link dev.mnemo.summary.SummaryConfig}), what they did
 * ({@link dev.mnemo.summary.SummaryStats}), and a summarizer that needs no model
 * ({@link dev.mnemo.summary.ExtractiveSummarizer}). The LLM-backed summarizer is the caller's: an
 * implementation of {@link dev.mnemo.spi.Summarizer} given to {@code Mnemo.builder().summarizer(...)}.
 *
 */
@NullMarked
package dev.mnemo.summary;

import org.jspecify.annotations.NullMarked;
