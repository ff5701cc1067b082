/**
 * Runnable programs that show Mnemo at work: the embedded demo (here), an agent loop
 * ({@code agent}), a chatbot HTTP backend ({@code chatbot}) and a custom store plugin
 * ({@code filestore}); {@code llm} holds the model interface they share.
 */
@NullMarked
package dev.mnemo.examples;

import org.jspecify.annotations.NullMarked;
