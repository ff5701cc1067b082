/**
 * Real Redis servers for tests, started from the machine's {@code redis-server}:
 * {@link dev.mnemo.testkit.redis.RedisServerExtension} (one server) and
 * {@link dev.mnemo.testkit.redis.RedisClusterExtension} (a 3-master Cluster), with handles that
 * kill and restart servers for fault tests. A missing binary fails with the command that installs it.
 */
@NullMarked
package dev.mnemo.testkit.redis;

import org.jspecify.annotations.NullMarked;
