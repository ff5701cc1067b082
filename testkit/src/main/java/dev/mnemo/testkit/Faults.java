package dev.mnemo.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mnemo.Message;
import dev.mnemo.Mnemo;
import dev.mnemo.MnemoHealth;
import dev.mnemo.SessionId;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * The faults a framework adapter's fault test breaks a conversation with, and what it checks: each
 * turn within the call deadline plus a second, health answering (DEGRADED, or AT_RISK only while
 * writes wait in the process alone, never DOWN), and every acknowledged message in Firestore once
 * the servers are back.
 */
public enum Faults {

    /** Redis is killed ({@code kill -9}) and started again (its AOF brings back what it had). */
    REDIS_KILLED(servers -> servers.redis().kill(), servers -> servers.redis().restart()),
    /** Redis is frozen (SIGSTOP): its port stays open and nothing answers, the worst case for a client. */
    REDIS_FROZEN(servers -> servers.redis().pause(), servers -> servers.redis().resume()),
    /** The Firestore emulator is frozen (SIGSTOP), as in a network partition. */
    FIRESTORE_FROZEN(servers -> servers.firestore().pause(), servers -> servers.firestore().resume());

    /** What a turn may take beyond the deadline: the framework's own work and a loaded machine's scheduling. */
    public static final Duration GRACE = Duration.ofSeconds(1);
    /** How long recovery may take until Firestore holds every acknowledged message. */
    public static final Duration RECOVERY = Duration.ofSeconds(30);

    private final Consumer<TieredServers> inject;
    private final Consumer<TieredServers> recover;

    Faults(Consumer<TieredServers> inject, Consumer<TieredServers> recover) {
        this.inject = inject;
        this.recover = recover;
    }

    /** Injects the fault, runs {@code work}, and brings the server back, whatever {@code work} did. */
    public void during(TieredServers servers, Runnable work) {
        inject.accept(servers);
        try {
            work.run();
        } finally {
            recover.accept(servers);
        }
    }

    /** Runs {@code turn} and asserts it took less than {@code deadline} plus {@link #GRACE}. */
    public static void assertWithinDeadline(Duration deadline, String what, Runnable turn) {
        long start = System.nanoTime();
        turn.run();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).as("%s against a deadline of %s", what, deadline).isLessThan(deadline.plus(GRACE));
    }

    /** Asserts that Mnemo answers while a tier is down: DEGRADED, AT_RISK only with writes held here alone, never DOWN. */
    public static void assertAnswering(MnemoHealth health) {
        assertThat(health.status()).as("%s", health).isNotEqualTo(MnemoHealth.Status.DOWN);
        if (health.status() == MnemoHealth.Status.AT_RISK) {
            assertThat(health.journal().heldOnlyHere() + health.journal().changesHere())
                    .as("AT_RISK only while writes wait in this process alone: %s", health).isPositive();
        } else {
            assertThat(health.status()).as("%s", health).isEqualTo(MnemoHealth.Status.DEGRADED);
        }
    }

    /**
     * Waits until Firestore holds {@code expected} messages of the session, for up to {@link #RECOVERY}.
     *
     * @return what it holds then, in order, for the caller to check message by message
     */
    public static List<Message> awaitDurable(TieredServers servers, String namespace, SessionId session, int expected) {
        try (Mnemo durable = servers.durable(namespace)) {
            long deadline = System.nanoTime() + RECOVERY.toNanos();
            List<Message> stored = durable.blocking().messagesAfter(session, null, expected + 10).value();
            while (stored.size() < expected && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
                stored = durable.blocking().messagesAfter(session, null, expected + 10).value();
            }
            assertThat(stored).as("what Firestore holds once the servers are back").hasSize(expected);
            return stored;
        }
    }
}
