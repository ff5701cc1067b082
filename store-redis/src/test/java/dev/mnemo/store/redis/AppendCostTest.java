package dev.mnemo.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mnemo.Message;
import dev.mnemo.Session;
import dev.mnemo.SessionId;
import dev.mnemo.spi.support.Stages;
import dev.mnemo.spi.SessionRef;
import dev.mnemo.testkit.redis.RedisServerExtension;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.event.command.CommandListener;
import io.lettuce.core.event.command.CommandStartedEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An append costs the same at any session length beyond the window: counted, not timed. Round trips are the
 * commands the store's Lettuce client sends; server work is the per-command call counts of
 * {@code INFO commandstats}, which include every command a script runs.
 */
class AppendCostTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final int APPENDS = 5;

    private final AtomicInteger sent = new AtomicInteger();
    private RedisStore store;
    private RedisClient client;
    private StatefulRedisConnection<String, String> probe;

    @BeforeEach
    void open() {
        CommandListener counter = new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                sent.incrementAndGet();
            }
        };
        store = RedisStore.create(RedisStoreConfig.builder().uri(REDIS.uri()).windowSize(50).build(), List.of(counter));
        client = RedisClient.create(REDIS.uri());
        probe = client.connect();
    }

    @AfterEach
    void close() {
        store.close();
        probe.close();
        client.shutdown();
    }

    @Test
    void appendCostsOneRoundTripAndTheSameFiveServerCallsAtAHundredAndTenThousandMessages() {
        SessionRef hundred = session(100);
        SessionRef tenThousand = session(10_000);

        Cost atHundred = measure(hundred);
        Cost atTenThousand = measure(tenThousand);

        assertThat(atHundred.roundTrips()).isEqualTo(APPENDS);
        assertThat(atTenThousand.roundTrips()).isEqualTo(APPENDS);
        long each = APPENDS;
        assertThat(atHundred.serverCalls()).isEqualTo(Map.of("cmdstat_evalsha", each, "cmdstat_hmget", each,
                "cmdstat_rpush", each, "cmdstat_lpop", each, "cmdstat_hset", each, "cmdstat_pttl", each));
        assertThat(atTenThousand.serverCalls()).isEqualTo(atHundred.serverCalls());
        assertThat(Stages.join(store.getSession(tenThousand)).orElseThrow().messageCount()).isEqualTo(10_000 + APPENDS);
        assertThat(probe.sync().llen("mnemo:" + tenThousand.namespace() + ":{" + tenThousand.id() + "}:msgs")).isEqualTo(50);
    }

    @Test
    void aSessionShorterThanTheWindowHasNothingToTrim() {
        Cost atTen = measure(session(10));
        assertThat(atTen.serverCalls()).doesNotContainKey("cmdstat_lpop").containsEntry("cmdstat_rpush", (long) APPENDS)
                .hasSize(5);
    }

    private SessionRef session(int messages) {
        SessionRef ref = new SessionRef("cost-" + UUID.randomUUID(), SessionId.of("s-" + messages));
        Stages.join(store.createSession(Session.create(ref, "u1", Map.of(), Instant.now())));
        for (int done = 0; done < messages; done += 100) {
            List<Message> batch = new ArrayList<>();
            for (int i = done; i < Math.min(messages, done + 100); i++) {
                batch.add(Message.user("message " + i).withTokens(3));
            }
            Stages.join(store.append(ref, batch));
        }
        return ref;
    }

    private Cost measure(SessionRef ref) {
        Map<String, Long> before = commandStats();
        int sentBefore = sent.get();
        for (int i = 0; i < APPENDS; i++) {
            Stages.join(store.append(ref, List.of(Message.user("one more").withTokens(3))));
        }
        int roundTrips = sent.get() - sentBefore;
        Map<String, Long> delta = new HashMap<>();
        commandStats().forEach((command, calls) -> {
            long added = calls - before.getOrDefault(command, 0L);
            if (added > 0 && !command.equals("cmdstat_info")) {
                delta.put(command, added);
            }
        });
        return new Cost(roundTrips, delta);
    }

    private Map<String, Long> commandStats() {
        Map<String, Long> calls = new HashMap<>();
        for (String line : probe.sync().info("commandstats").split("\r?\n")) {
            int colon = line.indexOf(':');
            if (line.startsWith("cmdstat_") && colon > 0) {
                String stats = line.substring(colon + 1);
                calls.put(line.substring(0, colon), Long.parseLong(stats.substring("calls=".length(), stats.indexOf(','))));
            }
        }
        return calls;
    }

    private record Cost(int roundTrips, Map<String, Long> serverCalls) {
    }
}
