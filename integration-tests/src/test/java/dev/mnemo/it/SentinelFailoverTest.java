package dev.mnemo.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mnemo.AppendResult;
import dev.mnemo.BlockingMnemo;
import dev.mnemo.Message;
import dev.mnemo.Mnemo;
import dev.mnemo.MnemoException;
import dev.mnemo.SessionId;
import dev.mnemo.WriteMode;
import dev.mnemo.it.WriterProcess.Ack;
import dev.mnemo.testkit.redis.RedisServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.sentinel.api.StatefulRedisSentinelConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Sentinel failover without loss: a master, two replicas and a Sentinel started by the test, Mnemo
 * in write-behind on the {@code redis-sentinel://} URI with {@code mnemo.redis.min-replicas-acked=1},
 * and the master killed (SIGKILL) mid-conversation. Mnemo follows the new master (appends are served by
 * Redis again a few seconds after Sentinel promoted a replica), and every acknowledged message is in
 * Firestore once, in order, after the failover and the drain. Waits are generous: the machine may be loaded.
 */
class SentinelFailoverTest {

    @RegisterExtension
    static final Servers servers = new Servers();

    private static final String MASTER = "mnemo-master";
    private static final Duration RESUME = Duration.ofSeconds(30);

    private final List<RedisServer> nodes = new ArrayList<>();
    private RedisServer master;
    private RedisServer sentinel;

    @BeforeEach
    void startTopology() {
        master = node();
        node("--replicaof", "127.0.0.1", Integer.toString(master.port()));
        node("--replicaof", "127.0.0.1", Integer.toString(master.port()));
        sentinel = RedisServer.startSentinel(MASTER, master, Duration.ofSeconds(1), Duration.ofSeconds(3));
        nodes.add(sentinel);
        await("Sentinel knows both replicas, in sync", RESUME, () -> sentinelCall(connection ->
                connection.sync().replicas(MASTER).stream().filter(replica -> "ok".equals(replica.get("master-link-status")))
                        .count() == 2));
    }

    @AfterEach
    void stopTopology() {
        nodes.forEach(RedisServer::close);
    }

    @Test
    void theMasterKilledMidConversationLosesNoAcknowledgedMessageAndMnemoFollowsTheNewMaster() throws Exception {
        String namespace = Servers.namespace("failover");
        List<Ack> acked = new ArrayList<>();
        try (Mnemo mnemo = servers.mnemo(namespace, WriteMode.WRITE_BEHIND, Map.of(
                "mnemo.redis.uri", sentinel.sentinelUri(MASTER), "mnemo.redis.min-replicas-acked", "1"))) {
            BlockingMnemo chat = mnemo.blocking();
            List<SessionId> sessions = List.of(SessionId.of("chat-1"), SessionId.of("chat-2"), SessionId.of("chat-3"));
            sessions.forEach(id -> chat.openSession(id, "ada"));
            appendFor(chat, sessions, acked, Duration.ofSeconds(2));
            assertThat(acked).as("appends before the failover, served by Redis").isNotEmpty()
                    .allMatch(ack -> !ack.degraded());

            int oldPort = master.port();
            master.kill();
            await("Sentinel promotes a replica", RESUME, () -> sentinelCall(connection ->
                    ((java.net.InetSocketAddress) connection.sync().getMasterAddrByName(MASTER)).getPort() != oldPort));
            long promoted = System.nanoTime();
            AppendResult resumed = null;
            while (resumed == null || !"redis".equals(resumed.tier()) || resumed.degraded()) {
                assertThat(Duration.ofNanos(System.nanoTime() - promoted)).as("appends served by Redis again").isLessThan(RESUME);
                resumed = append(chat, sessions.get(0), acked);
                Thread.sleep(100);
            }
            appendFor(chat, sessions, acked, Duration.ofSeconds(1));
        }
        new DurableTranscripts(servers, namespace).assertHoldsExactly(acked, Duration.ofSeconds(60));
    }

    /** Appends round-robin to the sessions for {@code length}, recording every acknowledged message. */
    private static void appendFor(BlockingMnemo chat, List<SessionId> sessions, List<Ack> acked, Duration length)
            throws InterruptedException {
        long end = System.nanoTime() + length.toNanos();
        for (int i = 0; System.nanoTime() < end; i++) {
            append(chat, sessions.get(i % sessions.size()), acked);
            Thread.sleep(20);
        }
    }

    /** @return the append's result, or {@code null} when it failed (not acknowledged, so not counted) */
    private static AppendResult append(BlockingMnemo chat, SessionId id, List<Ack> acked) {
        Message message = Message.user("message " + acked.size());
        try {
            AppendResult result = chat.append(id, message);
            acked.add(new Ack(id.value(), message.id(), result.degraded(), System.currentTimeMillis()));
            return result;
        } catch (MnemoException notAcknowledged) {
            return null;
        }
    }

    private RedisServer node(String... args) {
        List<String> all = new ArrayList<>(List.of("--appendonly", "yes", "--appendfsync", "always"));
        all.addAll(List.of(args));
        RedisServer node = RedisServer.start(all.toArray(String[]::new));
        nodes.add(node);
        return node;
    }

    private <T> T sentinelCall(java.util.function.Function<StatefulRedisSentinelConnection<String, String>, T> call) {
        RedisClient client = RedisClient.create();
        try (StatefulRedisSentinelConnection<String, String> connection =
                     client.connectSentinel(RedisURI.create("redis://127.0.0.1:" + sentinel.port()))) {
            return call.apply(connection);
        } finally {
            client.shutdown();
        }
    }

    private static void await(String what, Duration limit, BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("within %s: %s", limit, what).isLessThan(deadline);
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
