package dev.mnemo.store.redis.internal;

import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Parsing and masking of {@code mnemo.redis.uri}: the one place that knows its forms. */
public final class RedisUris {

    private static final Set<String> STANDALONE_SCHEMES = Set.of("redis", "rediss", "redis-sentinel", "rediss-sentinel");
    private static final Set<String> CLUSTER_SCHEMES = Set.of("redis", "rediss");
    private static final Pattern USER_INFO = Pattern.compile("://[^@/]*@");

    private RedisUris() {
    }

    /**
     * @param uri  one URI in standalone mode (a Sentinel URI may list several sentinels itself);
     *             one or more comma-separated seed URIs in cluster mode
     * @param cluster whether the URIs are a Cluster's seed nodes, else one server or Sentinel
     * @return the parsed URIs, at least one
     * @throws IllegalArgumentException saying what is wrong, with any password masked
     */
    public static List<RedisURI> parse(String uri, boolean cluster) {
        if (uri == null || uri.isBlank()) {
            throw new IllegalArgumentException("expected a URI such as redis://localhost:6379, was empty");
        }
        if (!cluster && uri.indexOf("://") != uri.lastIndexOf("://")) {
            throw new IllegalArgumentException("'" + masked(uri) + "' holds several URIs, standalone mode takes one"
                    + " (for several Cluster seed nodes set mnemo.redis.mode=cluster)");
        }
        List<String> parts = cluster ? List.of(uri.split(",")) : List.of(uri);
        Set<String> schemes = cluster ? CLUSTER_SCHEMES : STANDALONE_SCHEMES;
        List<RedisURI> parsed = new ArrayList<>();
        for (String part : parts) {
            String trimmed = part.trim();
            int colon = trimmed.indexOf("://");
            String scheme = colon < 0 ? "" : trimmed.substring(0, colon).toLowerCase(Locale.ROOT);
            if (!schemes.contains(scheme)) {
                throw new IllegalArgumentException("'" + masked(trimmed) + "' does not start with one of " + schemes
                        + "://" + (cluster ? " (cluster mode: comma-separated seed nodes)"
                        : " (for several Cluster seed nodes set mnemo.redis.mode=cluster)"));
            }
            try {
                parsed.add(RedisURI.create(trimmed));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("'" + masked(trimmed) + "' is not a valid Redis URI: " + e.getMessage());
            }
        }
        return parsed;
    }

    /**
     * @param uri     as for {@link #parse(String, boolean)}, already valid
     * @param cluster as for {@link #parse(String, boolean)}
     * @param timeout the timeout of connection attempts and Sentinel look-ups
     * @return the parsed URIs with {@code timeout} set
     */
    public static List<RedisURI> parse(String uri, boolean cluster, Duration timeout) {
        List<RedisURI> parsed = parse(uri, cluster);
        parsed.forEach(each -> each.setTimeout(timeout));
        return parsed;
    }

    /** @return {@code uri} with its user information (user and password) replaced by {@code ***} */
    public static String masked(String uri) {
        return uri == null ? null : USER_INFO.matcher(uri).replaceAll("://***@");
    }
}
