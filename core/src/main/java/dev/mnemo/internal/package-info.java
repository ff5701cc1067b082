/**
 * Mnemo's internals: tier routing, the resilience wrapper, the durable write queue, discovery.
 * Not API: anything here may change in any release.
 */
@NullMarked
package dev.mnemo.internal;

import org.jspecify.annotations.NullMarked;
