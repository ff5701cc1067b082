/**
 * Token counting with JTokkit: {@link dev.mnemo.tokens.TokenCounters} maps model names to
 * encodings and loads each encoding once, on first use. Counts are JTokkit's; {@code o200k_base}
 * gets them about five times faster for ASCII text through its own pre-tokenizer splitter.
 */
@NullMarked
package dev.mnemo.tokens;

import org.jspecify.annotations.NullMarked;
