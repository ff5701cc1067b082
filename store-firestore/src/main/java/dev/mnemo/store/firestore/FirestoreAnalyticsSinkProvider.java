package dev.mnemo.store.firestore;

import dev.mnemo.spi.AnalyticsSink;
import dev.mnemo.spi.AnalyticsSinkProvider;
import dev.mnemo.spi.ConfigKey;
import dev.mnemo.spi.ConfigReader;
import dev.mnemo.spi.StoreConfig;
import java.util.List;

/**
 * Provides the {@link FirestoreAnalyticsSink}, {@code firestore}: available when the Firestore tier
 * is (a project id or an emulator is configured), and then preferred over the logging sink. It
 * reads the tier's keys ({@code mnemo.firestore.*}: project, database, emulator, credentials, root,
 * timeout) and its own, {@link #KEYS}:
 * <ul>
 *   <li>{@link #RECENT_SESSIONS}: recent sessions kept per user, default
 *       {@value FirestoreAnalyticsSink#DEFAULT_RECENT_SESSIONS}</li>
 *   <li>{@link #MAX_ANSWERS}: answers a session's record keeps in detail, default
 *       {@value FirestoreAnalyticsSink#DEFAULT_MAX_ANSWERS}</li>
 * </ul>
 */
public final class FirestoreAnalyticsSinkProvider implements AnalyticsSinkProvider {

    /** The priority of the Firestore sink: above the logging sink (0). */
    public static final int PRIORITY = 100;
    /** {@code mnemo.analytics.firestore.recent-sessions}: recent sessions kept per user. */
    public static final ConfigKey<Integer> RECENT_SESSIONS = ConfigKey.integer("mnemo.analytics.firestore.recent-sessions",
            FirestoreAnalyticsSink.DEFAULT_RECENT_SESSIONS, 1, Integer.MAX_VALUE,
            "recent sessions the firestore analytics sink keeps per user");
    /** {@code mnemo.analytics.firestore.max-answers}: answers a session's record keeps in detail. */
    public static final ConfigKey<Integer> MAX_ANSWERS = ConfigKey.integer("mnemo.analytics.firestore.max-answers",
            FirestoreAnalyticsSink.DEFAULT_MAX_ANSWERS, 0, Integer.MAX_VALUE,
            "answers a session's analytics record keeps in detail (its totals count them all)");
    /** The sink's own keys; it reads the tier's too ({@link FirestoreStoreConfig#KEYS}). */
    public static final List<ConfigKey<?>> KEYS = List.of(RECENT_SESSIONS, MAX_ANSWERS);

    private final FirestoreStoreProvider tier = new FirestoreStoreProvider();

    @Override
    public String name() {
        return FirestoreAnalyticsSink.NAME;
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public boolean isAvailable(StoreConfig config) {
        return tier.isAvailable(config);
    }

    @Override
    public AnalyticsSink create(StoreConfig config) {
        ConfigReader reader = config.reader();
        int recent = reader.get(RECENT_SESSIONS);
        int answers = reader.get(MAX_ANSWERS);
        reader.validate();
        return new FirestoreAnalyticsSink(FirestoreStoreConfig.from(config), recent, answers);
    }
}
