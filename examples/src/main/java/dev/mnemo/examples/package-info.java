/** Runnable programs that show Mnemo at work: the embedded demo, an agent loop, a custom store plugin. */
package dev.mnemo.examples;
