package dev.mnemo.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mnemo.BlockingMnemo;
import dev.mnemo.Message;
import dev.mnemo.Mnemo;
import dev.mnemo.MnemoConfig;
import dev.mnemo.MnemoException;
import dev.mnemo.MnemoHealth;
import dev.mnemo.SessionId;
import dev.mnemo.TurnResult;
import dev.mnemo.WriteMode;
import dev.mnemo.context.ContextPolicy;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every call has a deadline, whatever Redis does: frozen (SIGSTOP: the port stays open and nothing
 * answers, the worst case), killed, or absent when Mnemo starts. With the deployment defaults
 * ({@code mnemo.call-timeout} 5 s), each call of a conversation, including an append to a session
 * that was never opened and the opening of a new one, answers (degraded from another tier, or with
 * a {@link MnemoException}) within the deadline plus a second, timed here against the configured
 * value; and health says DEGRADED, never DOWN, while Firestore and memory serve.
 */
class DeadlineTest {

    private static final Duration GRACE = Duration.ofSeconds(1);
    @RegisterExtension
    static final Servers servers = new Servers();

    private final String namespace = Servers.namespace("deadline");
    private final Duration deadline = MnemoConfig.DEFAULT_CALL_TIMEOUT;

    @AfterEach
    void thaw() {
        if (servers.redis.isRunning()) {
            servers.redis.resume();
        } else {
            servers.redis.restart();
        }
    }

    @Test
    void whenRedisIsFrozenEveryCallAnswersWithinTheDeadline() {
        try (Mnemo mnemo = servers.mnemo(namespace, WriteMode.WRITE_THROUGH)) {
            SessionId chat = started(mnemo);
            servers.redis.pause();
            List<String> outcomes = conversation(mnemo.blocking(), chat);
            assertAnsweredDegraded(outcomes);
            assertThat(mnemo.blocking().health().status()).as("Firestore and memory serve")
                    .isIn(MnemoHealth.Status.DEGRADED, MnemoHealth.Status.AT_RISK);
        }
    }

    @Test
    void whenRedisIsKilledEveryCallAnswersWithinTheDeadline() {
        try (Mnemo mnemo = servers.mnemo(namespace, WriteMode.WRITE_THROUGH)) {
            SessionId chat = started(mnemo);
            servers.redis.kill();
            assertAnsweredDegraded(conversation(mnemo.blocking(), chat));
            assertThat(mnemo.blocking().health().status()).isNotEqualTo(MnemoHealth.Status.DOWN);

            servers.redis.restart(); // mid-conversation: turns go on, and Redis serves them again once it is back
            SessionId next = SessionId.of("after-restart");
            mnemo.blocking().openSession(next, "u1");
            long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            String tier = "";
            while (!tier.equals("redis") && System.nanoTime() < until) {
                TurnResult turn = mnemo.blocking().turn(next, List.of(Message.user("back?")), ContextPolicy.lastMessages(10));
                tier = turn.context().tier();
            }
            assertThat(tier).as("a turn served by the restarted Redis").isEqualTo("redis");
        }
    }

    @Test
    void whenRedisIsAbsentAtStartEveryCallAnswersWithinTheDeadline() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort(); // free now, and nothing listens on it once closed
        }
        try (Mnemo mnemo = servers.mnemo(namespace, WriteMode.WRITE_THROUGH,
                Map.of("mnemo.redis.uri", "redis://127.0.0.1:" + closed))) {
            SessionId chat = SessionId.of("absent-redis");
            timed("open", () -> mnemo.blocking().openSession(chat, "u1"));
            conversation(mnemo.blocking(), chat);
        }
    }

    /** Asserts that the append, the context read and the turn of an open session were answered, degraded. */
    private static void assertAnsweredDegraded(List<String> outcomes) {
        assertThat(outcomes.subList(2, 5)).allSatisfy(outcome -> assertThat(outcome).contains("degraded=true"));
    }

    /** Opens a session and has one turn while every tier serves, so each client has set up its channel. */
    private static SessionId started(Mnemo mnemo) {
        SessionId chat = SessionId.of("chat");
        mnemo.blocking().openSession(chat, "u1");
        mnemo.blocking().append(chat, Message.user("hello"), Message.assistant("hi"));
        return chat;
    }

    /** Runs a conversation's calls, each timed against the deadline; @return what each answered */
    private List<String> conversation(BlockingMnemo memory, SessionId chat) {
        List<String> outcomes = new ArrayList<>();
        outcomes.add(timed("append to a session never opened", () -> memory.append(SessionId.of("never-opened"),
                Message.user("anyone?"))));
        outcomes.add(timed("open a new session", () -> memory.openSession(SessionId.of("new-" + System.nanoTime()), "u1")));
        outcomes.add(timed("append", () -> memory.append(chat, Message.user("still there?"))));
        outcomes.add(timed("context", () -> memory.context(chat, ContextPolicy.lastMessages(10))));
        outcomes.add(timed("turn", () -> memory.turn(chat, List.of(Message.user("and now?")), ContextPolicy.lastMessages(10))));
        outcomes.add(timed("state", () -> memory.state(chat)));
        outcomes.add(timed("end", () -> memory.endSession(chat)));
        return outcomes;
    }

    /** Runs {@code call} and asserts it answered or failed within the deadline plus {@link #GRACE}. */
    private String timed(String what, Supplier<?> call) {
        long start = System.nanoTime();
        String outcome;
        try {
            outcome = what + ": " + call.get();
        } catch (MnemoException e) {
            outcome = what + ": " + e.getClass().getSimpleName();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).as("%s took %s against a deadline of %s", what, took, deadline).isLessThan(deadline.plus(GRACE));
        return outcome;
    }
}
