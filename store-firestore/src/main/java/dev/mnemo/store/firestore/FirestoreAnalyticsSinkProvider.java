package dev.mnemo.store.firestore;

import dev.mnemo.spi.AnalyticsSink;
import dev.mnemo.spi.AnalyticsSinkProvider;
import dev.mnemo.spi.ConfigReader;
import dev.mnemo.spi.StoreConfig;

/**
 * Provides the {@link FirestoreAnalyticsSink}, {@code firestore}: available when the Firestore tier
 * is (a project id or an emulator is configured), and then preferred over the logging sink. It
 * reads the tier's keys ({@code mnemo.firestore.*}: project, database, emulator, credentials, root,
 * timeout) and its own:
 * <ul>
 *   <li>{@code mnemo.analytics.firestore.recent-sessions}: recent sessions kept per user, default
 *       {@value FirestoreAnalyticsSink#DEFAULT_RECENT_SESSIONS}</li>
 *   <li>{@code mnemo.analytics.firestore.max-answers}: answers a session's record keeps in detail,
 *       default {@value FirestoreAnalyticsSink#DEFAULT_MAX_ANSWERS}</li>
 * </ul>
 */
public final class FirestoreAnalyticsSinkProvider implements AnalyticsSinkProvider {

    /** The priority of the Firestore sink: above the logging sink (0). */
    public static final int PRIORITY = 100;
    /** The prefix of the sink's own keys. */
    public static final String PREFIX = "mnemo.analytics.firestore";

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
        ConfigReader reader = config.reader(PREFIX);
        int recent = reader.integer("recent-sessions", FirestoreAnalyticsSink.DEFAULT_RECENT_SESSIONS, 1);
        int answers = reader.integer("max-answers", FirestoreAnalyticsSink.DEFAULT_MAX_ANSWERS, 0);
        reader.validate();
        return new FirestoreAnalyticsSink(FirestoreStoreConfig.from(config), recent, answers);
    }
}
