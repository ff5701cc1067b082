package dev.mnemo;

import dev.mnemo.spi.ConfigReader;
import dev.mnemo.spi.SessionRef;
import dev.mnemo.spi.StoreConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Settings of a {@link Mnemo} instance, immutable. Read from a {@link StoreConfig} with
 * {@link #from(StoreConfig)} (keys below {@code mnemo.}) or built with {@link #builder()}.
 *
 * @param namespace       {@code mnemo.namespace}: the namespace of every session, default {@value #DEFAULT_NAMESPACE}
 * @param maxContentBytes {@code mnemo.max-content-bytes}: the largest message (content and tool
 *                        call arguments, UTF-8) accepted, default {@value #DEFAULT_MAX_CONTENT_BYTES}
 * @param tokenModel      {@code mnemo.token-model}: the model or encoding whose tokens are
 *                        counted, default {@value #DEFAULT_TOKEN_MODEL}
 * @param tiers           {@code mnemo.tiers}: tier names in routing order, comma-separated;
 *                        empty (the default) uses every available provider by priority
 */
public record MnemoConfig(String namespace, int maxContentBytes, String tokenModel, List<String> tiers) {

    /** The default namespace. */
    public static final String DEFAULT_NAMESPACE = "default";
    /** The default largest message: 256 KiB, well under Firestore's 1 MiB document limit. */
    public static final int DEFAULT_MAX_CONTENT_BYTES = 256 * 1024;
    /** The default model for token counting: {@code gpt-4o}, whose encoding is {@code o200k_base}. */
    public static final String DEFAULT_TOKEN_MODEL = "gpt-4o";

    private static final int MAX_CONTENT_CEILING = 900 * 1024;

    /** Checks each value and puts the bad one in the message. */
    public MnemoConfig {
        SessionRef.checkNamespace(namespace);
        if (maxContentBytes < 1 || maxContentBytes > MAX_CONTENT_CEILING) {
            throw new InvalidInputException("maxContentBytes must be 1 to " + MAX_CONTENT_CEILING + ", was " + maxContentBytes);
        }
        if (tokenModel == null || tokenModel.isBlank()) {
            throw new InvalidInputException("tokenModel must be a model or encoding name, was '" + tokenModel + "'");
        }
        tiers = List.copyOf(tiers);
    }

    /** @return the defaults */
    public static MnemoConfig ofDefaults() {
        return builder().build();
    }

    /** @return a builder starting from the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder starting from this configuration */
    public Builder toBuilder() {
        return new Builder().namespace(namespace).maxContentBytes(maxContentBytes).tokenModel(tokenModel).tiers(tiers);
    }

    /**
     * @param config the configuration to read
     * @return the settings it holds
     * @throws InvalidInputException listing every bad key at once
     */
    public static MnemoConfig from(StoreConfig config) {
        ConfigReader reader = config.reader("mnemo");
        String namespace = reader.string("namespace", DEFAULT_NAMESPACE);
        int maxContentBytes = reader.integer("max-content-bytes", DEFAULT_MAX_CONTENT_BYTES, 1);
        String tokenModel = reader.string("token-model", DEFAULT_TOKEN_MODEL);
        List<String> tiers = reader.list("tiers", List.of());
        try {
            SessionRef.checkNamespace(namespace);
        } catch (InvalidInputException e) {
            reader.reject("namespace", e.getMessage());
        }
        if (maxContentBytes > MAX_CONTENT_CEILING) {
            reader.reject("max-content-bytes", maxContentBytes + " is over the ceiling of " + MAX_CONTENT_CEILING);
        }
        reader.validate();
        return new MnemoConfig(namespace, maxContentBytes, tokenModel, tiers);
    }

    /** Builds a {@link MnemoConfig}; each setter is optional. */
    public static final class Builder {
        private String namespace = DEFAULT_NAMESPACE;
        private int maxContentBytes = DEFAULT_MAX_CONTENT_BYTES;
        private String tokenModel = DEFAULT_TOKEN_MODEL;
        private List<String> tiers = new ArrayList<>();

        private Builder() {
        }

        /** @param namespace see {@link MnemoConfig#namespace()}; @return this builder */
        public Builder namespace(String namespace) {
            this.namespace = namespace;
            return this;
        }

        /** @param maxContentBytes see {@link MnemoConfig#maxContentBytes()}; @return this builder */
        public Builder maxContentBytes(int maxContentBytes) {
            this.maxContentBytes = maxContentBytes;
            return this;
        }

        /** @param tokenModel see {@link MnemoConfig#tokenModel()}; @return this builder */
        public Builder tokenModel(String tokenModel) {
            this.tokenModel = tokenModel;
            return this;
        }

        /** @param tiers see {@link MnemoConfig#tiers()}; @return this builder */
        public Builder tiers(List<String> tiers) {
            this.tiers = new ArrayList<>(Objects.requireNonNull(tiers, "tiers"));
            return this;
        }

        /** @return the configuration, checked */
        public MnemoConfig build() {
            return new MnemoConfig(namespace, maxContentBytes, tokenModel, tiers);
        }
    }
}
