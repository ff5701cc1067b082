package dev.mnemo.internal;

import dev.mnemo.InvalidInputException;
import dev.mnemo.StoreUnavailableException;
import dev.mnemo.reference.MapMemoryStore;
import dev.mnemo.spi.Capabilities;
import dev.mnemo.spi.MemoryStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An in-process tier for router tests that can be taken down (every call fails as an outage) and
 * wiped (its data lost, as a Redis restart does). Router logic only; the real servers' faults are
 * tested in mnemo-integration-tests.
 */
final class FaultyTier {

    /** The largest batch an append takes, as in Firestore (500 writes per commit, one for the session). */
    static final int MAX_APPEND = 499;
    private static final java.util.Set<String> WRITES = java.util.Set.of("append", "createSession", "applyState",
            "endSession", "updateMetadata", "touchSession", "compareAndSetSummary", "deleteSession", "deleteUser");

    private final String name;
    private final Capabilities capabilities;
    private volatile MapMemoryStore data;
    private volatile boolean down;
    private volatile boolean writesDown;
    private volatile boolean frozen;
    final MemoryStore store;

    FaultyTier(String name, Capabilities capabilities) {
        this.name = name;
        this.capabilities = capabilities;
        this.data = fresh();
        this.store = (MemoryStore) Proxy.newProxyInstance(MemoryStore.class.getClassLoader(),
                new Class<?>[] {MemoryStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("name") || method.getName().equals("capabilities")
                            || method.getName().equals("close") || method.getDeclaringClass() == Object.class) {
                        return method.getDeclaringClass() == Object.class ? method.invoke(this, args)
                                : method.getName().equals("close") ? null
                                : method.getName().equals("name") ? name : capabilities;
                    }
                    if (frozen) {
                        return new CompletableFuture<>(); // answers nothing, as a server stopped with SIGSTOP
                    }
                    if (down || (writesDown && WRITES.contains(method.getName()))) {
                        return CompletableFuture.failedFuture(new StoreUnavailableException(name, "down for the test", null));
                    }
                    if (method.getName().equals("append") && ((List<?>) args[1]).size() > MAX_APPEND) {
                        return CompletableFuture.failedFuture(new InvalidInputException(
                                "a batch over " + MAX_APPEND + " messages, as Firestore refuses"));
                    }
                    try {
                        return method.invoke(data, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    static FaultyTier hot() {
        return new FaultyTier("hot", new Capabilities(false, true, 50, null));
    }

    static FaultyTier durable() {
        return new FaultyTier("durable", new Capabilities(true, true, 0, null));
    }

    static FaultyTier fallback() {
        return new FaultyTier("fallback", new Capabilities(false, false, 0, null));
    }

    MapMemoryStore data() {
        return data;
    }

    void down() {
        down = true;
    }

    void up() {
        down = false;
        writesDown = false;
        frozen = false;
    }

    /** Takes every call and answers none, until {@link #up()}: only time limits end them. */
    void freeze() {
        frozen = true;
    }

    /** Refuses every write as an outage would, and still answers reads: a tier that lags behind. */
    void writesDown() {
        writesDown = true;
    }

    /** Loses every session, as a server restarted without persistence does. */
    void wipe() {
        data = fresh();
    }

    private MapMemoryStore fresh() {
        return new MapMemoryStore(name, capabilities, new ConcurrentHashMap<>(), new ConcurrentHashMap<>(), Clock.systemUTC());
    }
}
