/**
 * A chatbot HTTP backend on Mnemo with the JDK's {@code com.sun.net.httpserver} and no framework:
 * run {@link dev.mnemo.examples.chatbot.ChatbotServer}. Offline with a scripted model by default;
 * an OpenAI-compatible server when {@code OPENAI_BASE_URL} or {@code OPENAI_API_KEY} is set.
 */
@NullMarked
package dev.mnemo.examples.chatbot;

import org.jspecify.annotations.NullMarked;
