/**
 * Mnemo as a Google Agent Development Kit (ADK) session service:
 * {@link dev.mnemo.adk.MnemoSessionService}, the mapping of ADK events to Mnemo messages and back
 * ({@link dev.mnemo.adk.EventMapping}) and of ADK ids to Mnemo ids ({@link dev.mnemo.adk.AdkIds}),
 * and rolling summaries written by an ADK model ({@link dev.mnemo.adk.LlmSummarizer}).
 */
@NullMarked
package dev.mnemo.adk;

import org.jspecify.annotations.NullMarked;
