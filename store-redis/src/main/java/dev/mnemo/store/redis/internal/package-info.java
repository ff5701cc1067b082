/**
 * Internals of the Redis tier: key layout, Lua scripts, the Lettuce connection, value encoding and
 * error mapping. Not an API: anything here may change in any release.
 */
@NullMarked
package dev.mnemo.store.redis.internal;

import org.jspecify.annotations.NullMarked;
