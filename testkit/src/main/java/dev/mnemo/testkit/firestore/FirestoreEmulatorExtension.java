package dev.mnemo.testkit.firestore;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives tests a Firestore emulator: the one {@code FIRESTORE_EMULATOR_HOST} names when it is set,
 * else one {@link FirestoreEmulator} started on a free loopback port and shared by every test
 * class of the JVM, stopped by its pid when the test run ends. By default the project's documents
 * are deleted before each test. Register it on a static field:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final FirestoreEmulatorExtension EMULATOR = new FirestoreEmulatorExtension();
 * ...
 * FirestoreOptions.newBuilder().setEmulatorHost(EMULATOR.host()).setProjectId(EMULATOR.projectId())
 * }</pre>
 *
 * A missing emulator fails the tests with the command that installs it; it never skips them.
 * Fault tests that stop or kill a server start their own {@link FirestoreEmulator} instead.
 */
public final class FirestoreEmulatorExtension implements BeforeAllCallback, BeforeEachCallback {

    /** The environment variable naming a running emulator, {@code host:port}; the SDK reads it too. */
    public static final String HOST_ENV = "FIRESTORE_EMULATOR_HOST";
    /** The project the tests use unless told otherwise. */
    public static final String DEFAULT_PROJECT_ID = "mnemo-test";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(FirestoreEmulatorExtension.class);

    private final String projectId;
    private final boolean clearBeforeEach;
    private volatile String host;

    /** Uses the project {@value #DEFAULT_PROJECT_ID} and clears it before each test. */
    public FirestoreEmulatorExtension() {
        this(DEFAULT_PROJECT_ID, true);
    }

    /**
     * @param projectId       the project the tests use, whose documents a clear deletes
     * @param clearBeforeEach whether to delete the project's documents before each test
     */
    public FirestoreEmulatorExtension(String projectId, boolean clearBeforeEach) {
        this.projectId = projectId;
        this.clearBeforeEach = clearBeforeEach;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        resolve(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        resolve(context);
        if (clearBeforeEach) {
            clear();
        }
    }

    /** @return the emulator's {@code host:port} */
    public String host() {
        if (host == null) {
            throw new IllegalStateException("The Firestore emulator is not resolved yet: register the extension"
                    + " with @RegisterExtension on a static field and use it from a test or a callback");
        }
        return host;
    }

    /** @return the project the tests use */
    public String projectId() {
        return projectId;
    }

    /** Deletes every document of {@link #projectId()}. */
    public void clear() {
        EmulatorHttp.clear(host(), projectId);
    }

    private void resolve(ExtensionContext context) {
        if (host != null) {
            return;
        }
        String external = System.getenv(HOST_ENV);
        if (external != null && !external.isBlank()) {
            if (!EmulatorHttp.answersOk(external.trim())) {
                throw new IllegalStateException(HOST_ENV + "=" + external + " names no running Firestore emulator"
                        + " (GET / did not answer Ok); start one or unset it to let the tests start their own");
            }
            host = external.trim();
            return;
        }
        host = context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(SharedEmulator.class, key -> new SharedEmulator(FirestoreEmulator.start()),
                        SharedEmulator.class)
                .emulator.host();
    }

    /** The JVM's emulator, stopped when JUnit closes the root context at the end of the run. */
    private static final class SharedEmulator implements ExtensionContext.Store.CloseableResource {
        private final FirestoreEmulator emulator;

        SharedEmulator(FirestoreEmulator emulator) {
            this.emulator = emulator;
        }

        @Override
        public void close() {
            emulator.close();
        }
    }
}
