/**
 * Context for the LLM: composable {@link dev.mnemo.context.ContextPolicy policies} (sliding
 * window, token budget, system prompt, rolling summary, tool-result compaction), the
 * {@link dev.mnemo.context.Context} they produce with its token totals and wire forms, and the
 * agent-session helpers kept in state ({@link dev.mnemo.context.SystemPrompt},
 * {@link dev.mnemo.context.PendingToolCalls}).
 */
@NullMarked
package dev.mnemo.context;

import org.jspecify.annotations.NullMarked;
