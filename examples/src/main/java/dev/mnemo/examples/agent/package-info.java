/**
 * An agent loop on Mnemo, offline: a scripted model stands in for the LLM, a map stands in for
 * the file system. Run {@link dev.mnemo.examples.agent.AgentLoopExample}.
 */
@NullMarked
package dev.mnemo.examples.agent;

import org.jspecify.annotations.NullMarked;
