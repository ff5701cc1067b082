package dev.mnemo.store.firestore;

import dev.mnemo.InvalidInputException;
import dev.mnemo.spi.ConfigReader;
import dev.mnemo.spi.StoreConfig;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Settings of the Firestore tier, immutable; read with {@link #from(StoreConfig)} from keys below
 * {@code mnemo.firestore.}, or built with {@link #builder()}. Credentials never appear here or in
 * logs: they come from a file the environment provides or from application default credentials.
 *
 * @param projectId            {@code mnemo.firestore.project-id}: the Google Cloud project. Required
 *                             unless an emulator is used, where it defaults to {@value #DEFAULT_EMULATOR_PROJECT_ID}
 * @param database             {@code mnemo.firestore.database}: the Firestore database id. Default
 *                             {@value #DEFAULT_DATABASE}
 * @param emulatorHost         {@code mnemo.firestore.emulator-host}: {@code host:port} of a Firestore
 *                             emulator, else the {@code FIRESTORE_EMULATOR_HOST} environment variable;
 *                             {@code null} (the default) for the real service. With an emulator no
 *                             credentials are used
 * @param credentialsFile      {@code mnemo.firestore.credentials-file}: a service-account JSON key; {@code null}
 *                             (the default) for application default credentials
 * @param root                 {@code mnemo.firestore.root}: the document path below which Mnemo keeps its
 *                             collections, such as {@code apps/chatbot}, so several applications share a
 *                             database; empty (the default, {@link #DEFAULT_ROOT}) for the database root
 * @param ttl                  {@code mnemo.firestore.ttl}: how long an idle session lives; each write sets its
 *                             {@code expireAt} for a Firestore TTL policy and reads treat it as gone after
 *                             that. {@link Duration#ZERO} (the default, {@link #DEFAULT_TTL}) keeps sessions
 *                             for good, as a system of record does
 * @param timeout              {@code mnemo.firestore.timeout}: the longest one call may take, the SDK's retries
 *                             included, before it fails with {@link dev.mnemo.StoreTimeoutException}. Default
 *                             {@link #DEFAULT_TIMEOUT} (10 s)
 * @param sessionWriteInterval {@code mnemo.firestore.session-write-interval}: the least time between two
 *                             append commits to one session from this store; appends arriving in between
 *                             wait and share the next commit, and so one write to the session document.
 *                             {@code 1s} keeps a busy session within Firestore's sustained rate of about one
 *                             write per second per document, at up to that much added append latency.
 *                             Default {@link #DEFAULT_SESSION_WRITE_INTERVAL} (0: commit as soon as the
 *                             previous commit of the session is done, coalescing only what arrived meanwhile)
 */
public record FirestoreStoreConfig(String projectId, String database, @Nullable String emulatorHost,
                                   @Nullable Path credentialsFile,
                                   String root, Duration ttl, Duration timeout, Duration sessionWriteInterval) {

    /** The prefix of every key of this tier. */
    public static final String PREFIX = "mnemo.firestore";
    /** The environment variable the Google SDKs read for an emulator, honoured when the key is unset. */
    public static final String EMULATOR_HOST_ENV = "FIRESTORE_EMULATOR_HOST";
    /** The default database: Firestore's default one. */
    public static final String DEFAULT_DATABASE = "(default)";
    /** The project used with an emulator when none is configured ({@code demo-} projects never reach Google). */
    public static final String DEFAULT_EMULATOR_PROJECT_ID = "demo-mnemo";
    /** The default root: the database root. */
    public static final String DEFAULT_ROOT = "";
    /** The default session lifetime: none, sessions are durable. */
    public static final Duration DEFAULT_TTL = Duration.ZERO;
    /** The default time limit of one call: 10 seconds. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    /** The default least time between two append commits to one session: none. */
    public static final Duration DEFAULT_SESSION_WRITE_INTERVAL = Duration.ZERO;

    private static final Pattern PROJECT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.:-]{0,99}");
    private static final Pattern DATABASE_ID = Pattern.compile("\\(default\\)|[a-z][a-z0-9-]{2,61}[a-z0-9]");
    private static final Pattern ROOT_SEGMENT = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Duration MIN_TIMEOUT = Duration.ofMillis(1);

    /** Fills in the defaults of null values, then checks each value and puts the bad one in the message. */
    public FirestoreStoreConfig {
        database = database == null ? DEFAULT_DATABASE : database;
        root = root == null ? DEFAULT_ROOT : root;
        ttl = ttl == null ? DEFAULT_TTL : ttl;
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        sessionWriteInterval = sessionWriteInterval == null ? DEFAULT_SESSION_WRITE_INTERVAL : sessionWriteInterval;
        List<String> problems = new ArrayList<>();
        check(projectId, database, emulatorHost, credentialsFile, root,
                (name, problem) -> problems.add(PREFIX + "." + name + ": " + problem));
        checkDuration("ttl", ttl, Duration.ZERO, problems);
        checkDuration("timeout", timeout, MIN_TIMEOUT, problems);
        checkDuration("session-write-interval", sessionWriteInterval, Duration.ZERO, problems);
        if (!problems.isEmpty()) {
            throw InvalidInputException.of("Firestore tier configuration", problems);
        }
        if (projectId == null) {
            projectId = DEFAULT_EMULATOR_PROJECT_ID; // only reached with an emulator: check() requires it otherwise
        }
    }

    /**
     * @return the defaults, with the emulator {@code FIRESTORE_EMULATOR_HOST} names
     * @throws InvalidInputException when {@code FIRESTORE_EMULATOR_HOST} is not set: without an emulator
     *                               there is no default project
     */
    public static FirestoreStoreConfig ofDefaults() {
        return from(StoreConfig.DEFAULTS);
    }

    /** @return a builder starting from the defaults, with no project and no emulator */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder starting from this configuration */
    public Builder toBuilder() {
        return new Builder().projectId(projectId).database(database).emulatorHost(emulatorHost)
                .credentialsFile(credentialsFile).root(root).ttl(ttl).timeout(timeout)
                .sessionWriteInterval(sessionWriteInterval);
    }

    /**
     * @param config the configuration to read
     * @return the settings it holds, with {@code FIRESTORE_EMULATOR_HOST} as the emulator when the key is unset
     * @throws InvalidInputException listing every bad key at once
     */
    public static FirestoreStoreConfig from(StoreConfig config) {
        return from(config, System::getenv);
    }

    static FirestoreStoreConfig from(StoreConfig config, UnaryOperator<String> environment) {
        ConfigReader reader = config.reader(PREFIX);
        String emulatorHost = reader.string("emulator-host", blankToNull(environment.apply(EMULATOR_HOST_ENV)));
        String projectId = reader.string("project-id", null);
        String database = reader.string("database", DEFAULT_DATABASE);
        Path credentialsFile = path(reader, "credentials-file");
        String root = reader.string("root", DEFAULT_ROOT);
        Duration ttl = reader.duration("ttl", DEFAULT_TTL, Duration.ZERO);
        Duration timeout = reader.duration("timeout", DEFAULT_TIMEOUT, MIN_TIMEOUT);
        Duration interval = reader.duration("session-write-interval", DEFAULT_SESSION_WRITE_INTERVAL, Duration.ZERO);
        check(projectId, database, emulatorHost, credentialsFile, root, reader::reject);
        reader.validate();
        return new FirestoreStoreConfig(projectId, database, emulatorHost, credentialsFile, root, ttl, timeout, interval);
    }

    /** @return the idle lifetime of a session, if sessions expire */
    public Optional<Duration> expiry() {
        return ttl.isZero() ? Optional.empty() : Optional.of(ttl);
    }

    /** @return whether the store talks to an emulator rather than Google's service */
    public boolean usesEmulator() {
        return emulatorHost != null;
    }

    /** The checks of the values that are not durations, shared by the constructor and {@link #from(StoreConfig)}. */
    private static void check(String projectId, String database, String emulatorHost, Path credentialsFile, String root,
                              BiConsumer<String, String> reject) {
        if (emulatorHost != null && !isHostAndPort(emulatorHost)) {
            reject.accept("emulator-host", "'" + emulatorHost + "' is not host:port");
        }
        if (projectId == null && emulatorHost == null) {
            reject.accept("project-id", "required unless an emulator host is set (" + PREFIX + ".emulator-host or "
                    + EMULATOR_HOST_ENV + ")");
        }
        if (projectId != null && !PROJECT_ID.matcher(projectId).matches()) {
            reject.accept("project-id", "'" + projectId + "' is not a Google Cloud project id");
        }
        if (!DATABASE_ID.matcher(database).matches()) {
            reject.accept("database", "'" + database + "' is not (default) or 4-63 of [a-z0-9-] starting with a letter");
        }
        if (credentialsFile != null && !Files.isReadable(credentialsFile)) {
            reject.accept("credentials-file", credentialsFile + " is not a readable file");
        }
        if (!root.isEmpty()) {
            checkRoot(root, reject);
        }
    }

    private static void checkRoot(String root, BiConsumer<String, String> reject) {
        String[] segments = root.split("/", -1);
        for (String segment : segments) {
            if (!ROOT_SEGMENT.matcher(segment).matches() || segment.equals(".") || segment.equals("..")
                    || (segment.startsWith("__") && segment.endsWith("__"))) {
                reject.accept("root", "'" + root + "' has a bad segment '" + segment + "': expected collection/document"
                        + " pairs of 1-128 of [A-Za-z0-9._:-], none of the form __x__");
                return;
            }
        }
        if (segments.length % 2 != 0) {
            reject.accept("root", "'" + root + "' is not a document path: it needs an even number of segments,"
                    + " such as apps/chatbot");
        }
    }

    private static void checkDuration(String name, Duration value, Duration min, List<String> problems) {
        if (value.compareTo(min) < 0) {
            problems.add(PREFIX + "." + name + ": must be at least " + min + ", was " + value);
        }
    }

    private static boolean isHostAndPort(String host) {
        try {
            URI uri = URI.create("http://" + host);
            return uri.getHost() != null && uri.getPort() > 0 && uri.getPort() <= 65535
                    && (uri.getRawPath() == null || uri.getRawPath().isEmpty()) && uri.getRawQuery() == null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Path path(ConfigReader reader, String name) {
        String value = reader.string(name, null);
        try {
            return value == null ? null : Path.of(value);
        } catch (InvalidPathException e) {
            reader.reject(name, "'" + value + "' is not a file path: " + e.getReason());
            return null;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** Builds a {@link FirestoreStoreConfig}; each setter is optional but a project id or an emulator host. */
    public static final class Builder {
        private String projectId;
        private String database = DEFAULT_DATABASE;
        private String emulatorHost;
        private Path credentialsFile;
        private String root = DEFAULT_ROOT;
        private Duration ttl = DEFAULT_TTL;
        private Duration timeout = DEFAULT_TIMEOUT;
        private Duration sessionWriteInterval = DEFAULT_SESSION_WRITE_INTERVAL;

        private Builder() {
        }

        /** @param projectId see {@link FirestoreStoreConfig#projectId()}; @return this builder */
        public Builder projectId(String projectId) {
            this.projectId = projectId;
            return this;
        }

        /** @param database see {@link FirestoreStoreConfig#database()}; @return this builder */
        public Builder database(String database) {
            this.database = database;
            return this;
        }

        /** @param emulatorHost see {@link FirestoreStoreConfig#emulatorHost()}; @return this builder */
        public Builder emulatorHost(String emulatorHost) {
            this.emulatorHost = emulatorHost;
            return this;
        }

        /** @param credentialsFile see {@link FirestoreStoreConfig#credentialsFile()}; @return this builder */
        public Builder credentialsFile(Path credentialsFile) {
            this.credentialsFile = credentialsFile;
            return this;
        }

        /** @param root see {@link FirestoreStoreConfig#root()}; @return this builder */
        public Builder root(String root) {
            this.root = root;
            return this;
        }

        /** @param ttl see {@link FirestoreStoreConfig#ttl()}; @return this builder */
        public Builder ttl(Duration ttl) {
            this.ttl = ttl;
            return this;
        }

        /** @param timeout see {@link FirestoreStoreConfig#timeout()}; @return this builder */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /** @param interval see {@link FirestoreStoreConfig#sessionWriteInterval()}; @return this builder */
        public Builder sessionWriteInterval(Duration interval) {
            this.sessionWriteInterval = interval;
            return this;
        }

        /** @return the configuration, checked */
        public FirestoreStoreConfig build() {
            return new FirestoreStoreConfig(projectId, database, emulatorHost, credentialsFile, root, ttl, timeout,
                    sessionWriteInterval);
        }
    }
}
