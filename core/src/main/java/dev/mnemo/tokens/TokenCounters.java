package dev.mnemo.tokens;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import dev.mnemo.spi.TokenCounter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * JTokkit token counters by model or encoding name. The encoding registry is built lazily, on
 * the first count, and each encoding is loaded once, so start-up stays fast.
 *
 * <p>Models map by prefix: {@code gpt-4o}, {@code gpt-4.1}, {@code gpt-4.5}, {@code gpt-5},
 * {@code o1}, {@code o3}, {@code o4} to {@code o200k_base}; {@code gpt-4}, {@code gpt-3.5} and
 * {@code text-embedding-} to {@code cl100k_base}. Any other name that is not an encoding's
 * ({@code o200k_base}, {@code cl100k_base}, {@code p50k_base}, {@code p50k_edit},
 * {@code r50k_base}) gets {@link #DEFAULT_ENCODING}.
 */
public final class TokenCounters {

    /** The encoding of unknown models: {@code o200k_base}, that of current OpenAI models. */
    public static final EncodingType DEFAULT_ENCODING = EncodingType.O200K_BASE;

    // Longest prefixes first: "gpt-4o" must win over "gpt-4".
    private static final List<Map.Entry<String, EncodingType>> MODEL_PREFIXES = List.of(
            Map.entry("gpt-4o", EncodingType.O200K_BASE),
            Map.entry("gpt-4.1", EncodingType.O200K_BASE),
            Map.entry("gpt-4.5", EncodingType.O200K_BASE),
            Map.entry("gpt-5", EncodingType.O200K_BASE),
            Map.entry("o1", EncodingType.O200K_BASE),
            Map.entry("o3", EncodingType.O200K_BASE),
            Map.entry("o4", EncodingType.O200K_BASE),
            Map.entry("gpt-4", EncodingType.CL100K_BASE),
            Map.entry("gpt-3.5", EncodingType.CL100K_BASE),
            Map.entry("text-embedding-", EncodingType.CL100K_BASE));

    private static final Map<EncodingType, TokenCounter> COUNTERS = new ConcurrentHashMap<>();

    private TokenCounters() {
    }

    /**
     * @param modelOrEncoding a model name such as {@code gpt-4o-mini} or an encoding name such as {@code cl100k_base}
     * @return the counter of its encoding
     */
    public static TokenCounter forModel(String modelOrEncoding) {
        return forEncoding(encodingOf(modelOrEncoding));
    }

    /**
     * @return the counter of {@code encoding}, loaded on first use; {@code o200k_base} counts with
     *         a faster splitter for ASCII text and gives the same counts as JTokkit
     */
    public static TokenCounter forEncoding(EncodingType encoding) {
        return COUNTERS.computeIfAbsent(encoding, type -> {
            Encoding loaded = Registry.INSTANCE.getEncoding(type);
            return type == EncodingType.O200K_BASE ? new O200kTokenCounter(loaded) : new JTokkitTokenCounter(loaded);
        });
    }

    /** @return the encoding Mnemo uses for {@code modelOrEncoding}, see the class comment */
    public static EncodingType encodingOf(String modelOrEncoding) {
        String name = modelOrEncoding.trim().toLowerCase(Locale.ROOT);
        Optional<EncodingType> encoding = EncodingType.fromName(name);
        if (encoding.isPresent()) {
            return encoding.get();
        }
        return MODEL_PREFIXES.stream()
                .filter(entry -> name.startsWith(entry.getKey()))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(DEFAULT_ENCODING);
    }

    /** Holder: the registry is created when the first counter is. */
    private static final class Registry {
        static final EncodingRegistry INSTANCE = Encodings.newLazyEncodingRegistry();
    }
}
