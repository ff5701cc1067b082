package dev.mnemo.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mnemo.BlockingMnemo;
import dev.mnemo.Message;
import dev.mnemo.Mnemo;
import dev.mnemo.MnemoConfig;
import dev.mnemo.SessionId;
import dev.mnemo.spi.StoreConfig;
import dev.mnemo.testkit.redis.RedisServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A Redis outage is logged once when it starts and once when it ends, not per reconnection attempt:
 * the whole process's log lines (slf4j-simple writes them all to standard error, which the test
 * captures) at INFO and above are counted over a short and a long outage of a real redis-server,
 * while a chat keeps appending, and the long one logs no more than the short one.
 */
class QuietOutageTest {

    /** With AOF, so the session is still there when Redis is back. */
    private static RedisServer redis;

    private static final int AT_MOST = 6;

    @BeforeAll
    static void start() {
        redis = RedisServer.start("--appendonly", "yes", "--appendfsync", "always");
    }

    @AfterAll
    static void stop() {
        redis.close();
    }

    @Test
    void anOutageLogsAHandfulOfLinesHoweverLongItLasts() throws Exception {
        StoreConfig config = StoreConfig.of(Map.of("mnemo.tiers", "redis,memory", "mnemo.redis.uri", redis.uri(),
                "mnemo.namespace", Servers.namespace("quiet")));
        try (Mnemo mnemo = Mnemo.builder().config(config).settings(MnemoConfig.from(config)).build()) {
            BlockingMnemo chat = mnemo.blocking();
            SessionId id = SessionId.of("chat");
            chat.openSession(id, "ada");
            List<String> shortOutage = outage(chat, id, Duration.ofSeconds(3));
            List<String> longOutage = outage(chat, id, Duration.ofSeconds(15));

            assertThat(shortOutage).as("lines logged over a 3 s outage").hasSizeLessThanOrEqualTo(AT_MOST)
                    .anyMatch(line -> line.contains("is out")).anyMatch(line -> line.contains("is back after"));
            assertThat(longOutage).as("lines logged over a 15 s outage: no more than over 3 s")
                    .hasSizeLessThanOrEqualTo(Math.max(shortOutage.size(), 4))
                    .anyMatch(line -> line.contains("is out")).anyMatch(line -> line.contains("is back after"));
            assertThat(longOutage).noneMatch(line -> line.contains("Reconnecting, last destination")
                    || line.contains("Cannot reconnect"));
        }
    }

    /**
     * Kills Redis for {@code length} while the chat appends every 100 ms, restarts it, and waits until an append is
     * served by Redis again.
     *
     * @return the lines at INFO and above the whole process logged meanwhile
     */
    private static List<String> outage(BlockingMnemo chat, SessionId id, Duration length) throws InterruptedException {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            redis.kill();
            long end = System.nanoTime() + length.toNanos();
            while (System.nanoTime() < end) {
                chat.append(id, Message.user("during the outage"));
                Thread.sleep(100);
            }
            redis.restart();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!"redis".equals(chat.append(id, Message.user("after")).tier()) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            Thread.sleep(500); // a line logged just after the recovery counts too
        } finally {
            System.setErr(original);
        }
        List<String> lines = Arrays.stream(captured.toString(StandardCharsets.UTF_8).split("\n"))
                .filter(line -> line.contains(" INFO ") || line.contains(" WARN ") || line.contains(" ERROR ")).toList();
        original.println("Logged over a " + length.toSeconds() + " s Redis outage:\n" + String.join("\n", lines));
        return lines;
    }
}
