package dev.mnemo.testkit;

import dev.mnemo.Message;
import dev.mnemo.Mnemo;
import dev.mnemo.MnemoConfig;
import dev.mnemo.SessionId;
import dev.mnemo.SessionNotFoundException;
import dev.mnemo.StoreTimeoutException;
import dev.mnemo.context.ContextPolicy;
import dev.mnemo.spi.StoreConfig;
import dev.mnemo.testkit.firestore.FirestoreEmulator;
import dev.mnemo.testkit.redis.RedisServer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The servers of a production deployment, started on loopback for tests that break them: a Redis
 * server with AOF and {@code appendfsync always} (the persistence Mnemo's guarantee across a Redis
 * crash assumes) and a Firestore emulator; and Mnemo instances over them with the memory tier as
 * fallback, their tiers found by discovery from configuration as a deployment finds them. The
 * tests that use it need {@code mnemo-store-redis}, {@code mnemo-store-firestore} and
 * {@code mnemo-store-memory} on their class path. Share the JVM's ({@link #shared()}), or start one
 * and close it after.
 */
public final class TieredServers implements AutoCloseable {

    /** The Google Cloud project of the emulator. */
    public static final String PROJECT = "mnemo-test";

    private static final Duration WARM_UP = Duration.ofSeconds(60);
    private static @Nullable TieredServers shared;

    private final RedisServer redis;
    private final FirestoreEmulator firestore;

    private TieredServers(RedisServer redis, FirestoreEmulator firestore) {
        this.redis = redis;
        this.firestore = firestore;
    }

    /**
     * @return the servers of this JVM, started on first use and stopped when it exits, so the test
     *         classes of a module pay for one start; each test keeps to namespaces of its own, and
     *         a test that breaks a server brings it back before it ends
     */
    public static synchronized TieredServers shared() {
        if (shared == null) {
            TieredServers started = start();
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "mnemo-tiered-servers-stop"));
            shared = started;
        }
        return shared;
    }

    /** @return both servers, running, for the caller to close */
    public static TieredServers start() {
        RedisServer redis = RedisServer.start("--appendonly", "yes", "--appendfsync", "always");
        try {
            return new TieredServers(redis, FirestoreEmulator.start());
        } catch (RuntimeException e) {
            redis.close();
            throw e;
        }
    }

    /** @return the Redis server, to kill, pause or restart */
    public RedisServer redis() {
        return redis;
    }

    /** @return the Firestore emulator, to kill, pause or restart */
    public FirestoreEmulator firestore() {
        return firestore;
    }

    /** @return a namespace no other test shares, so tests on the same servers never see each other's data */
    public static String namespace(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * @param namespace the namespace of every session
     * @param overrides keys that replace or add to the defaults (such as {@code mnemo.call-timeout})
     * @return a Mnemo over Redis (hot), Firestore (durable) and memory (fallback)
     */
    public Mnemo mnemo(String namespace, Map<String, String> overrides) {
        Map<String, String> keys = new HashMap<>(Map.of("mnemo.tiers", "redis,firestore,memory",
                "mnemo.redis.uri", redis.uri()));
        keys.putAll(overrides);
        return mnemo(namespace, keys, firestore.host());
    }

    /** @return a Mnemo over Firestore alone: reads what the durable tier holds, as a check after a fault */
    public Mnemo durable(String namespace) {
        return mnemo(namespace, Map.of("mnemo.tiers", "firestore"), firestore.host());
    }

    private static Mnemo mnemo(String namespace, Map<String, String> keys, String emulator) {
        Map<String, String> all = new HashMap<>(keys);
        all.put("mnemo.namespace", namespace);
        all.put("mnemo.firestore.emulator-host", emulator);
        all.put("mnemo.firestore.project-id", PROJECT);
        StoreConfig config = StoreConfig.of(all);
        return Mnemo.builder().config(config).settings(MnemoConfig.from(config)).build();
    }

    /**
     * Sets up what a new Mnemo's first calls set up: each client's channel, Redis's scripts, the
     * emulator's queries. On a loaded machine those first calls may take longer than the call
     * deadline; they go on, and the retry finds them done. Tests that time calls, or run with the
     * default deadline, warm up first so that they never depend on a cold call's speed.
     *
     * @param mnemo     a Mnemo of {@link #mnemo(String, Map)}
     * @param namespace its namespace
     */
    public void warmUp(Mnemo mnemo, String namespace) {
        SessionId session = SessionId.of("warm-up");
        ContextPolicy policy = ContextPolicy.systemPrompt().then(ContextPolicy.lastMessages(20));
        untilAnswered(() -> mnemo.blocking().openSession(session, null));
        untilAnswered(() -> mnemo.blocking().append(session, Message.system("Be warm."), Message.user("Hello")));
        untilAnswered(() -> mnemo.blocking().turn(session, List.of(Message.assistant("Hi.")), policy));
        untilAnswered(() -> mnemo.blocking().history(session, 1));
        try (Mnemo durable = durable(namespace)) {
            untilAnswered(() -> durable.blocking().context(session, policy));
            untilAnswered(() -> durable.blocking().history(session, 1));
        }
    }

    private static void untilAnswered(Supplier<?> call) {
        long deadline = System.nanoTime() + WARM_UP.toNanos();
        while (true) {
            try {
                call.get();
                return;
            } catch (StoreTimeoutException | SessionNotFoundException notYet) {
                // a cold call past the deadline, or Firestore before the Redis journal reached it
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("The tiers did not answer within " + WARM_UP, notYet);
                }
            }
        }
    }

    /** Thaws and stops both servers. */
    @Override
    public void close() {
        try {
            firestore.close();
        } finally {
            redis.close();
        }
    }
}
