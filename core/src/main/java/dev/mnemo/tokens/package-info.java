/**
 * Token counting with JTokkit: {@link dev.mnemo.tokens.TokenCounters} maps model names to
 * encodings and loads each encoding once, on first use.
 *
 * <p>Null-safety: parameters and return values are non-null.
 */
package dev.mnemo.tokens;
