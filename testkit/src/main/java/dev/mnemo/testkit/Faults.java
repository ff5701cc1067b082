package dev.mnemo.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mnemo.Message;
import dev.mnemo.Mnemo;
import dev.mnemo.MnemoHealth;
import dev.mnemo.ToolCall;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * The faults a framework adapter's fault test breaks a conversation with, and what it checks: each
 * turn within the call deadline plus a second, health answering (DEGRADED, or AT_RISK only while
 * writes wait in the process alone, never DOWN), and every acknowledged message in Firestore once
 * the servers are back ({@link TieredServers#awaitDurable}).
 */
public enum Faults {

    /** Redis is killed ({@code kill -9}) and started again (its AOF brings back what it had). */
    REDIS_KILLED(servers -> servers.redis().kill(), servers -> servers.redis().restart()),
    /** Redis is frozen (SIGSTOP): its port stays open and nothing answers, the worst case for a client. */
    REDIS_FROZEN(servers -> servers.redis().pause(), servers -> servers.redis().resume()),
    /** The Firestore emulator is frozen (SIGSTOP), as in a network partition. */
    FIRESTORE_FROZEN(servers -> servers.firestore().pause(), servers -> servers.firestore().resume());

    /**
     * The settings of a drill's Mnemo: a call deadline of 3 s, and the tiers' own limits well below
     * it (Redis's command timeout 400 ms, its breaker's time limit 500 ms, Firestore's 2 s), so a tier
     * that does not answer is skipped in time; replays every 50 ms, so recovery shows quickly.
     */
    public static final Map<String, String> LIMITS = Map.of("mnemo.call-timeout", "3s",
            "mnemo.redis.command-timeout", "400ms", "mnemo.redis.resilience.timeout", "500ms",
            "mnemo.firestore.resilience.timeout", "2s", "mnemo.flush-interval", "50ms");
    /** What a turn may take beyond the deadline: the framework's own work and a loaded machine's scheduling. */
    public static final Duration GRACE = Duration.ofSeconds(1);

    private final Consumer<TieredServers> inject;
    private final Consumer<TieredServers> recover;

    Faults(Consumer<TieredServers> inject, Consumer<TieredServers> recover) {
        this.inject = inject;
        this.recover = recover;
    }

    /**
     * Runs a conversation through the fault: turns 1 and 2, then the fault, turns 3 and 4 and a health
     * check under it ({@link #assertAnswering}), then the server back. Each turn must take less than
     * the Mnemo's call deadline plus {@link #GRACE}.
     *
     * @param mnemo the Mnemo the framework's memory is on, warmed up (see {@link TieredServers#warmedUp})
     * @param turn  one turn of the conversation, through the framework's entry point, by its number
     */
    public void drill(TieredServers servers, Mnemo mnemo, IntConsumer turn) {
        Duration deadline = mnemo.settings().callTimeout();
        IntConsumer timed = n -> {
            long start = System.nanoTime();
            turn.accept(n);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(took).as("turn %d under %s against a deadline of %s", n, this, deadline)
                    .isLessThan(deadline.plus(GRACE));
        };
        timed.accept(1);
        timed.accept(2);
        inject.accept(servers);
        try {
            timed.accept(3);
            timed.accept(4);
            assertAnswering(mnemo.blocking().health());
        } finally {
            recover.accept(servers);
        }
    }

    /** @return the question of a drill's turn, by its number from 1; the model calls a tool with the id {@code call_<turn>} */
    public static String question(int turn) {
        return "How warm is it in City" + turn + "?";
    }

    /** @return the model's answer of a drill's turn, once the tool answered */
    public static String answer(int turn) {
        return "It is 21 degrees in City" + turn + ".";
    }

    /**
     * Asserts that {@code stored} is the drill's four turns, each its {@link #question}, a call of one
     * tool with the id {@code call_<turn>}, its result and the {@link #answer}, in order, once.
     *
     * @param stored the messages of the drill's turns, as the durable tier holds them
     */
    public static void assertToolTurns(List<Message> stored) {
        assertThat(stored).as("four turns of four messages").hasSize(16);
        for (int n = 1; n <= 4; n++) {
            List<Message> turn = stored.subList(4 * (n - 1), 4 * n);
            assertThat(turn.get(0).content()).isEqualTo(question(n));
            assertThat(turn.get(1).toolCalls()).extracting(ToolCall::id).containsExactly("call_" + n);
            assertThat(turn.get(2).toolCallId()).isEqualTo("call_" + n);
            assertThat(turn.get(3).content()).isEqualTo(answer(n));
        }
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
}
