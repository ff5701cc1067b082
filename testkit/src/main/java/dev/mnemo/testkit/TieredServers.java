package dev.mnemo.testkit;

import static org.assertj.core.api.Assertions.assertThat;

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
    private static final Duration RECOVERY = Duration.ofSeconds(30);
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
     * A Mnemo of {@link #mnemo(String, Map)}, with what its first calls set up already set up: each
     * client's channel, Redis's scripts, the emulator's queries. On a loaded machine those first calls
     * may take longer than the call deadline; they go on, and the retry finds them done. Tests that
     * time calls, or run with the default deadline, take a warmed-up Mnemo so that they never depend
     * on a cold call's speed.
     */
    public Mnemo warmedUp(String namespace, Map<String, String> overrides) {
        Mnemo mnemo = mnemo(namespace, overrides);
        warmUp(mnemo, namespace);
        return mnemo;
    }

    private void warmUp(Mnemo mnemo, String namespace) {
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

    /**
     * Waits until Firestore holds {@code expected} messages of the session, for up to 30 s: what was
     * acknowledged while Firestore was slow or out reaches it from the Redis journal afterwards.
     *
     * @return what it holds then, in order, for the caller to check message by message
     */
    public List<Message> awaitDurable(String namespace, SessionId session, int expected) {
        try (Mnemo durable = durable(namespace)) {
            long deadline = System.nanoTime() + RECOVERY.toNanos();
            List<Message> stored = List.of();
            while (true) {
                try {
                    stored = durable.blocking().messagesAfter(session, null, expected + 10).value();
                } catch (SessionNotFoundException notYet) {
                    // its creation still waits in the journal
                }
                if (stored.size() >= expected || System.nanoTime() > deadline) {
                    break;
                }
                sleep();
            }
            assertThat(stored).as("what Firestore holds of %s", session).hasSize(expected);
            return stored;
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
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
