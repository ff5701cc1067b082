/**
 * The LLM the examples talk to: the {@link dev.mnemo.examples.llm.ChatModel} interface and an
 * OpenAI-compatible client on the JDK's {@code java.net.http.HttpClient}. The examples run
 * offline with scripted models by default.
 */
@NullMarked
package dev.mnemo.examples.llm;

import org.jspecify.annotations.NullMarked;
