/**
 * Internals of the Redis tier: key layout, Lua scripts, the Lettuce connection, value encoding and
 * error mapping. Not an API: anything here may change in any release.
 */
package dev.mnemo.store.redis.internal;
