package dev.mnemo.store.firestore;

import dev.mnemo.InvalidInputException;
import dev.mnemo.spi.ConfigKey;
import dev.mnemo.spi.ConfigReader;
import dev.mnemo.spi.StoreConfig;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Settings of the Firestore tier, immutable; read with {@link #from(StoreConfig)} from keys below
 * {@code mnemo.firestore.}, or built with {@link #builder()}; each is declared once as a
 * {@link ConfigKey} constant below, which gives its name, default and the values it takes.
 * Credentials never appear here or in logs: they come from a file the environment provides or
 * from application default credentials.
 *
 * @param projectId            {@link #PROJECT_ID}: the Google Cloud project. Required unless an
 *                             emulator is used, where it defaults to {@value #DEFAULT_EMULATOR_PROJECT_ID}
 * @param database             {@link #DATABASE}: the Firestore database id. Default {@value #DEFAULT_DATABASE}
 * @param emulatorHost         {@link #EMULATOR_HOST}: {@code host:port} of a Firestore emulator, else
 *                             the {@code FIRESTORE_EMULATOR_HOST} environment variable; {@code null}
 *                             (the default) for the real service. With an emulator no credentials are used
 * @param credentialsFile      {@link #CREDENTIALS_FILE}: a service-account JSON key; {@code null} (the
 *                             default) for application default credentials
 * @param root                 {@link #ROOT}: the document path below which Mnemo keeps its collections,
 *                             such as {@code apps/chatbot}, so several applications share a database;
 *                             empty (the default, {@link #DEFAULT_ROOT}) for the database root
 * @param ttl                  {@link #TTL}: how long an idle session lives; each write sets its
 *                             {@code expireAt} for a Firestore TTL policy and reads treat it as gone after
 *                             that. {@link Duration#ZERO} (the default, {@link #DEFAULT_TTL}) keeps sessions
 *                             for good, as a system of record does
 * @param timeout              {@link #TIMEOUT}: the longest one call may take, the SDK's retries
 *                             included, before it fails with {@link dev.mnemo.StoreTimeoutException}. Default
 *                             {@link #DEFAULT_TIMEOUT} (10 s)
 * @param sessionWriteInterval {@link #SESSION_WRITE_INTERVAL}: the least time between two append
 *                             commits to one session from this store; appends arriving in between
 *                             wait and share the next commit, and so one write to the session document.
 *                             {@code 1s} keeps a busy session within Firestore's sustained rate of about one
 *                             write per second per document, at up to that much added append latency.
 *                             Default {@link #DEFAULT_SESSION_WRITE_INTERVAL} (0: commit as soon as the
 *                             previous commit of the session is done, coalescing only what arrived meanwhile)
 */
public record FirestoreStoreConfig(String projectId, String database, @Nullable String emulatorHost,
                                   @Nullable Path credentialsFile,
                                   String root, Duration ttl, Duration timeout, Duration sessionWriteInterval) {

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

    private static final Pattern PROJECT_ID_FORM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.:-]{0,99}");
    private static final Pattern DATABASE_ID = Pattern.compile("\\(default\\)|[a-z][a-z0-9-]{2,61}[a-z0-9]");
    private static final Pattern ROOT_SEGMENT = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    /** {@code mnemo.firestore.project-id}: the Google Cloud project; setting it turns the tier on. */
    public static final ConfigKey<String> PROJECT_ID = ConfigKey.string("mnemo.firestore.project-id", null,
            "the Google Cloud project; setting it, or an emulator host, turns the tier on")
            .check(id -> PROJECT_ID_FORM.matcher(id).matches() ? null : "'" + id + "' is not a Google Cloud project id")
            .describedDefault("none (tier off); " + DEFAULT_EMULATOR_PROJECT_ID + " with an emulator");
    /** {@code mnemo.firestore.emulator-host}: an emulator's {@code host:port}. */
    public static final ConfigKey<String> EMULATOR_HOST = ConfigKey.string("mnemo.firestore.emulator-host", null,
            "host:port of a Firestore emulator, used without credentials")
            .check(host -> isHostAndPort(host) ? null : "'" + host + "' is not host:port")
            .describedDefault(EMULATOR_HOST_ENV);
    /**
     * {@code mnemo.firestore.credentials-file}: a service-account key file. Secret, so that a key
     * pasted here by mistake, instead of its path, never reaches a message.
     */
    public static final ConfigKey<String> CREDENTIALS_FILE = ConfigKey.string("mnemo.firestore.credentials-file",
            null, "a service-account key file, readable by this process").secret()
            .check(FirestoreStoreConfig::credentialsProblem).describedDefault("application default credentials");
    /** {@code mnemo.firestore.database}: the database id. */
    public static final ConfigKey<String> DATABASE = ConfigKey.string("mnemo.firestore.database", DEFAULT_DATABASE,
            "the Firestore database").check(id -> DATABASE_ID.matcher(id).matches() ? null
                    : "'" + id + "' is not (default) or 4-63 of [a-z0-9-] starting with a letter");
    /** {@code mnemo.firestore.root}: the document path below which Mnemo keeps its collections. */
    public static final ConfigKey<String> ROOT = ConfigKey.string("mnemo.firestore.root", DEFAULT_ROOT,
            "the document path below which Mnemo keeps its collections, such as apps/chatbot; empty for the"
                    + " database root").check(FirestoreStoreConfig::rootProblem);
    /** {@code mnemo.firestore.ttl}: the idle expiry of a session, none by default. */
    public static final ConfigKey<Duration> TTL = ConfigKey.duration("mnemo.firestore.ttl", DEFAULT_TTL, Duration.ZERO,
            "idle expiry of a session, written as expireAt for a Firestore TTL policy; 0 keeps sessions for good");
    /** {@code mnemo.firestore.timeout}: the limit of one call. */
    public static final ConfigKey<Duration> TIMEOUT = ConfigKey.duration("mnemo.firestore.timeout", DEFAULT_TIMEOUT,
            Duration.ofMillis(1), "the limit of one call, the SDK's retries included (a commit gets 500 ms more per MiB)");
    /** {@code mnemo.firestore.session-write-interval}: the least time between two commits to one session. */
    public static final ConfigKey<Duration> SESSION_WRITE_INTERVAL = ConfigKey.duration(
            "mnemo.firestore.session-write-interval", DEFAULT_SESSION_WRITE_INTERVAL, Duration.ZERO,
            "the least time between two append commits to one session: 1s keeps a busy session under Firestore's"
                    + " ~1 write/s per document, at up to 1 s added latency");
    /** The keys of these settings, in the order of the key table. */
    public static final List<ConfigKey<?>> KEYS = List.of(PROJECT_ID, EMULATOR_HOST, CREDENTIALS_FILE, DATABASE, ROOT,
            TTL, TIMEOUT, SESSION_WRITE_INTERVAL);

    private static final String PROJECT_REQUIRED = "required unless an emulator host is set (" + EMULATOR_HOST.name()
            + " or " + EMULATOR_HOST_ENV + ")";

    /** Fills in the defaults of null values, then checks each value and puts the bad one in the message. */
    public FirestoreStoreConfig {
        database = DATABASE.require(database == null ? DEFAULT_DATABASE : database);
        root = ROOT.require(root == null ? DEFAULT_ROOT : root);
        ttl = TTL.require(ttl == null ? DEFAULT_TTL : ttl);
        timeout = TIMEOUT.require(timeout == null ? DEFAULT_TIMEOUT : timeout);
        sessionWriteInterval = SESSION_WRITE_INTERVAL.require(
                sessionWriteInterval == null ? DEFAULT_SESSION_WRITE_INTERVAL : sessionWriteInterval);
        if (emulatorHost != null) {
            EMULATOR_HOST.require(emulatorHost);
        }
        if (credentialsFile != null) {
            CREDENTIALS_FILE.require(credentialsFile.toString());
        }
        if (projectId == null && emulatorHost == null) {
            throw new InvalidInputException(PROJECT_ID.name() + ": " + PROJECT_REQUIRED);
        }
        projectId = PROJECT_ID.require(projectId == null ? DEFAULT_EMULATOR_PROJECT_ID : projectId);
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
        ConfigReader reader = config.reader();
        boolean emulatorKeySet = reader.isSet(EMULATOR_HOST);
        String emulatorHost = emulatorKeySet ? reader.get(EMULATOR_HOST) : blankToNull(environment.apply(EMULATOR_HOST_ENV));
        if (!emulatorKeySet && emulatorHost != null && !isHostAndPort(emulatorHost)) {
            reader.reject(EMULATOR_HOST, EMULATOR_HOST_ENV + " '" + emulatorHost + "' is not host:port");
        }
        String projectId = reader.get(PROJECT_ID);
        if (projectId == null && emulatorHost == null && !emulatorKeySet) {
            reader.reject(PROJECT_ID, PROJECT_REQUIRED);
        }
        String credentialsFile = reader.get(CREDENTIALS_FILE);
        String database = reader.get(DATABASE);
        String root = reader.get(ROOT);
        Duration ttl = reader.get(TTL);
        Duration timeout = reader.get(TIMEOUT);
        Duration interval = reader.get(SESSION_WRITE_INTERVAL);
        reader.validate();
        return new FirestoreStoreConfig(projectId, database, emulatorHost,
                credentialsFile == null ? null : Path.of(credentialsFile), root, ttl, timeout, interval);
    }

    /** @return the idle lifetime of a session, if sessions expire */
    public Optional<Duration> expiry() {
        return ttl.isZero() ? Optional.empty() : Optional.of(ttl);
    }

    /** @return whether the store talks to an emulator rather than Google's service */
    public boolean usesEmulator() {
        return emulatorHost != null;
    }

    private static @Nullable String rootProblem(String root) {
        if (root.isEmpty()) {
            return null;
        }
        String[] segments = root.split("/", -1);
        for (String segment : segments) {
            if (!ROOT_SEGMENT.matcher(segment).matches() || segment.equals(".") || segment.equals("..")
                    || (segment.startsWith("__") && segment.endsWith("__"))) {
                return "'" + root + "' has a bad segment '" + segment + "': expected collection/document pairs of"
                        + " 1-128 of [A-Za-z0-9._:-], none of the form __x__";
            }
        }
        return segments.length % 2 == 0 ? null
                : "'" + root + "' is not a document path: it needs an even number of segments, such as apps/chatbot";
    }

    /** The key is secret: a message says only that its value is not valid, never this. */
    private static @Nullable String credentialsProblem(String file) {
        try {
            return Files.isReadable(Path.of(file)) ? null : "expected a readable file";
        } catch (InvalidPathException e) {
            return "expected a file path";
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

    private static @Nullable String blankToNull(@Nullable String value) {
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
