package dev.mnemo.store.memory;

import dev.mnemo.InvalidInputException;
import dev.mnemo.spi.ConfigReader;
import dev.mnemo.spi.StoreConfig;
import java.time.Duration;

/**
 * Settings of the Caffeine tier, immutable; read with {@link #from(StoreConfig)} from keys below
 * {@code mnemo.memory.}, or built with {@link #builder()}.
 *
 * @param maximumWeight     {@code mnemo.memory.maximum-weight}: the estimated bytes of all sessions
 *                          held; past it the least recently used sessions are evicted whole.
 *                          Default {@link #DEFAULT_MAXIMUM_WEIGHT} (256 MiB)
 * @param expireAfterAccess {@code mnemo.memory.expire-after-access}: how long a session nobody
 *                          reads or writes is kept. Default {@link #DEFAULT_EXPIRE_AFTER_ACCESS} (24 h)
 * @param maximumSharedScopes {@code mnemo.memory.maximum-shared-scopes}: how many {@code user:} and
 *                          {@code app:} states are kept. Default {@value #DEFAULT_MAXIMUM_SHARED_SCOPES}
 */
public record MemoryStoreConfig(long maximumWeight, Duration expireAfterAccess, long maximumSharedScopes) {

    /** The default bound on the estimated bytes held: 256 MiB. */
    public static final long DEFAULT_MAXIMUM_WEIGHT = 256L * 1024 * 1024;
    /** The default idle expiry: 24 hours. */
    public static final Duration DEFAULT_EXPIRE_AFTER_ACCESS = Duration.ofHours(24);
    /** The default bound on shared states kept. */
    public static final long DEFAULT_MAXIMUM_SHARED_SCOPES = 100_000;

    private static final Duration MIN_EXPIRY = Duration.ofMillis(1);

    /** Checks each value and puts the bad one in the message. */
    public MemoryStoreConfig {
        if (maximumWeight < 1) {
            throw new InvalidInputException("maximumWeight must be at least 1 byte, was " + maximumWeight);
        }
        if (expireAfterAccess == null || expireAfterAccess.compareTo(MIN_EXPIRY) < 0) {
            throw new InvalidInputException("expireAfterAccess must be at least 1 ms, was " + expireAfterAccess);
        }
        if (maximumSharedScopes < 1) {
            throw new InvalidInputException("maximumSharedScopes must be at least 1, was " + maximumSharedScopes);
        }
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
        ConfigReader reader = config.reader("mnemo.memory");
        long weight = reader.longValue("maximum-weight", DEFAULT_MAXIMUM_WEIGHT, 1, Long.MAX_VALUE);
        Duration expiry = reader.duration("expire-after-access", DEFAULT_EXPIRE_AFTER_ACCESS, MIN_EXPIRY);
        long shared = reader.longValue("maximum-shared-scopes", DEFAULT_MAXIMUM_SHARED_SCOPES, 1, Long.MAX_VALUE);
        reader.validate();
        return new MemoryStoreConfig(weight, expiry, shared);
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
