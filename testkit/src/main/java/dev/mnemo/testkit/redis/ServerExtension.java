package dev.mnemo.testkit.redis;

import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What the Redis extensions share: the server an environment variable names, else one started
 * before the registering class's first test and closed after its last. Nested test classes share
 * the outer class's server.
 *
 * @param <H> the handle of a started server, which fault tests use to kill or restart it
 */
abstract class ServerExtension<H extends AutoCloseable> implements BeforeAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ServerExtension.class);

    private final String uriVariable;
    private final String what;
    private final Supplier<H> start;
    private final Function<H, String> uriOf;
    private volatile String uri;
    private volatile H handle;

    /**
     * @param uriVariable the environment variable naming a running server to use instead
     * @param what        the server, as error messages name it
     * @param start       starts a server and waits until it answers
     * @param uriOf       the URI the tests connect to, of a started server
     */
    ServerExtension(String uriVariable, String what, Supplier<H> start, Function<H, String> uriOf) {
        this.uriVariable = uriVariable;
        this.what = what;
        this.start = start;
        this.uriOf = uriOf;
    }

    /** Resolves the server before the class's first test, unless an enclosing class already did. */
    @Override
    public void beforeAll(ExtensionContext context) {
        if (uri != null) {
            return; // a nested class: the enclosing class's server is still running
        }
        String external = System.getenv(uriVariable);
        if (external != null && !external.isBlank()) {
            uri = external.trim();
            return;
        }
        H started = start.get();
        handle = started;
        uri = uriOf.apply(started);
        context.getStore(NAMESPACE).put(this, (ExtensionContext.Store.CloseableResource) () -> {
            uri = null;
            handle = null;
            started.close();
        });
    }

    /** @return the URI the class's tests connect to */
    public String uri() {
        if (uri == null) {
            throw new IllegalStateException("No " + what + ": register the extension on a static field");
        }
        return uri;
    }

    /**
     * @return the handle of the server this extension started
     * @throws IllegalStateException when the tests use an external server from the environment variable
     */
    H handle() {
        if (handle == null) {
            throw new IllegalStateException("No " + what + " started by the tests (" + uriVariable
                    + " points at an external one, or the extension is not registered on a static field)");
        }
        return handle;
    }
}
