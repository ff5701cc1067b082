/**
 * A chatbot HTTP backend on Mnemo, served by embedded Jetty 12 (its core server, no servlets):
 * run {@link dev.mnemo.examples.chatbot.ChatbotServer}. Callers authenticate with bearer tokens
 * ({@link dev.mnemo.examples.chatbot.BearerTokens}), the user id comes from the token, and the
 * limits are {@link dev.mnemo.examples.chatbot.ChatbotSettings}. Offline with a scripted model by
 * default; an OpenAI-compatible server when {@code OPENAI_BASE_URL} or {@code OPENAI_API_KEY} is set.
 */
@NullMarked
package dev.mnemo.examples.chatbot;

import org.jspecify.annotations.NullMarked;
