package dev.mnemo.store.memory;

import dev.mnemo.InvalidInputException;
import dev.mnemo.spi.ConfigKey;
import dev.mnemo.spi.ConfigReader;
import dev.mnemo.spi.StoreConfig;
import java.time.Duration;
import java.util.List;

/**
 * Settings of the Caffeine tier, immutable; read with {@link #from(StoreConfig)} from keys below
 * {@code mnemo.memory.}, or built with {@link #builder()}; each is declared once as a
 * {@link ConfigKey} constant below, which gives its name, default and the values it takes.
 *
 * @param maximumWeight     {@link #MAXIMUM_WEIGHT}: the estimated bytes of all sessions held; past
 *                          it the least recently used sessions are evicted whole. Default
 *                          {@link #DEFAULT_MAXIMUM_WEIGHT} (256 MiB)
 * @param expireAfterAccess {@link #EXPIRE_AFTER_ACCESS}: how long a session nobody reads or writes
 *                          is kept, at least 1 ms. Default {@link #DEFAULT_EXPIRE_AFTER_ACCESS} (24 h)
 * @param maximumSharedScopes {@link #MAXIMUM_SHARED_SCOPES}: how many {@code user:} and {@code app:}
 *                          states are kept. Default {@value #DEFAULT_MAXIMUM_SHARED_SCOPES}
 */
public record MemoryStoreConfig(long maximumWeight, Duration expireAfterAccess, long maximumSharedScopes) {

    /** The default bound on the estimated bytes held: 256 MiB. */
    public static final long DEFAULT_MAXIMUM_WEIGHT = 256L * 1024 * 1024;
    /** The default idle expiry: 24 hours. */
    public static final Duration DEFAULT_EXPIRE_AFTER_ACCESS = Duration.ofHours(24);
    /** The default bound on shared states kept. */
    public static final long DEFAULT_MAXIMUM_SHARED_SCOPES = 100_000;

    /** {@code mnemo.memory.maximum-weight}: the estimated bytes held before eviction. */
    public static final ConfigKey<Long> MAXIMUM_WEIGHT = ConfigKey.longValue("mnemo.memory.maximum-weight",
            DEFAULT_MAXIMUM_WEIGHT, 1, Long.MAX_VALUE,
            "estimated bytes the memory tier holds before evicting least recently used sessions (256 MiB)");
    /** {@code mnemo.memory.expire-after-access}: how long an idle session is kept. */
    public static final ConfigKey<Duration> EXPIRE_AFTER_ACCESS = ConfigKey.duration("mnemo.memory.expire-after-access",
            DEFAULT_EXPIRE_AFTER_ACCESS, Duration.ofMillis(1), "how long the memory tier keeps a session nobody reads or writes");
    /** {@code mnemo.memory.maximum-shared-scopes}: how many shared states are kept. */
    public static final ConfigKey<Long> MAXIMUM_SHARED_SCOPES = ConfigKey.longValue("mnemo.memory.maximum-shared-scopes",
            DEFAULT_MAXIMUM_SHARED_SCOPES, 1, Long.MAX_VALUE, "how many user: and app: states the memory tier keeps");
    /** The keys of these settings, in the order of the key table. */
    public static final List<ConfigKey<?>> KEYS = List.of(MAXIMUM_WEIGHT, EXPIRE_AFTER_ACCESS, MAXIMUM_SHARED_SCOPES);

    /** Checks each value and puts the bad one in the message. */
    public MemoryStoreConfig {
        MAXIMUM_WEIGHT.require(maximumWeight);
        EXPIRE_AFTER_ACCESS.require(expireAfterAccess);
        MAXIMUM_SHARED_SCOPES.require(maximumSharedScopes);
    }

    /** @return the defaults */
    public static MemoryStoreConfig ofDefaults() {
        return builder().build();
    }

    /** @return a builder starting from the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder starting from this configuration */
    public Builder toBuilder() {
        return new Builder().maximumWeight(maximumWeight).expireAfterAccess(expireAfterAccess)
                .maximumSharedScopes(maximumSharedScopes);
    }

    /**
     * @param config the configuration to read
     * @return the settings it holds
     * @throws InvalidInputException listing every bad key at once
     */
    public static MemoryStoreConfig from(StoreConfig config) {
        ConfigReader reader = config.reader();
        MemoryStoreConfig read = new MemoryStoreConfig(reader.get(MAXIMUM_WEIGHT), reader.get(EXPIRE_AFTER_ACCESS),
                reader.get(MAXIMUM_SHARED_SCOPES));
        reader.validate();
        return read;
    }

    /** Builds a {@link MemoryStoreConfig}; each setter is optional. */
    public static final class Builder {
        private long maximumWeight = DEFAULT_MAXIMUM_WEIGHT;
        private Duration expireAfterAccess = DEFAULT_EXPIRE_AFTER_ACCESS;
        private long maximumSharedScopes = DEFAULT_MAXIMUM_SHARED_SCOPES;

        private Builder() {
        }

        /** @param bytes see {@link MemoryStoreConfig#maximumWeight()}; @return this builder */
        public Builder maximumWeight(long bytes) {
            this.maximumWeight = bytes;
            return this;
        }

        /** @param expiry see {@link MemoryStoreConfig#expireAfterAccess()}; @return this builder */
        public Builder expireAfterAccess(Duration expiry) {
            this.expireAfterAccess = expiry;
            return this;
        }

        /** @param count see {@link MemoryStoreConfig#maximumSharedScopes()}; @return this builder */
        public Builder maximumSharedScopes(long count) {
            this.maximumSharedScopes = count;
            return this;
        }

        /** @return the configuration, checked */
        public MemoryStoreConfig build() {
            return new MemoryStoreConfig(maximumWeight, expireAfterAccess, maximumSharedScopes);
        }
    }
}
