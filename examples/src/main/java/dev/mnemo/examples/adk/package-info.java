/**
 * A Google ADK agent with its sessions in Mnemo, offline: a scripted model stands in for the LLM.
 * Run {@link dev.mnemo.examples.adk.AdkAgentExample}.
 */
@NullMarked
package dev.mnemo.examples.adk;

import org.jspecify.annotations.NullMarked;
