/**
 * The Redis tier: {@link dev.mnemo.store.redis.RedisStore}, its settings
 * {@link dev.mnemo.store.redis.RedisStoreConfig} and its provider
 * {@link dev.mnemo.store.redis.RedisStoreProvider} (tier {@code redis}). Standalone, Sentinel and
 * Cluster deployments, through Lettuce.
 */
@NullMarked
package dev.mnemo.store.redis;

import org.jspecify.annotations.NullMarked;
