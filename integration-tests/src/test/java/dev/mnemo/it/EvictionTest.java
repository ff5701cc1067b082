package dev.mnemo.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mnemo.Message;
import dev.mnemo.Mnemo;
import dev.mnemo.MnemoConfig;
import dev.mnemo.SessionId;
import dev.mnemo.SessionNotFoundException;
import dev.mnemo.WriteMode;
import dev.mnemo.WriteRefusedException;
import dev.mnemo.it.WriterProcess.Ack;
import dev.mnemo.spi.Health;
import dev.mnemo.spi.SessionRef;
import dev.mnemo.spi.StoreConfig;
import dev.mnemo.spi.support.Stages;
import dev.mnemo.store.firestore.FirestoreStore;
import dev.mnemo.testkit.redis.RedisServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Redis under {@code maxmemory} never eats an acknowledged write. Each test runs a Redis of its own
 * with a small {@code maxmemory} and one policy family, and freezes the Firestore emulator
 * (SIGSTOP) so the journal only grows: under {@code volatile-lru} the journal outlives the eviction
 * of the windows and a process killed with SIGKILL loses nothing it acknowledged; under
 * {@code allkeys-lru} the journal is refused at its first use, naming the policy; under
 * {@code noeviction} the append Redis refuses for memory is refused, never acknowledged.
 */
class EvictionTest {

    private static final String MAXMEMORY = "8mb";
    /** Content size of each message, as in the reported run. */
    private static final int SIZE = 2_000;
    /** Far more than fits in {@link #MAXMEMORY}, so an append loop ends with Redis refusing. */
    private static final int MOST_APPENDS = 4_000;
    /** Cached data with a TTL, about 5 MB: what volatile-lru may evict. */
    private static final int FILLER_KEYS = 2_500;
    /** Of the volatile-lru run: about 2.5 MB of journal, more than is left once the cache is in. */
    private static final int SESSIONS = 4;
    private static final int PER_SESSION = 300;
    private static final Duration DRAIN = Duration.ofSeconds(40);

    @RegisterExtension
    static final Servers servers = new Servers();

    private final String namespace = Servers.namespace("eviction");

    @AfterEach
    void thaw() {
        servers.resumeFirestore();
    }

    @Test
    void underVolatileLruEvictionTakesOtherKeysNeverTheJournalAndAKilledWriterLosesNothingItAcknowledged()
            throws Exception {
        try (RedisServer redis = redis("volatile-lru");
             RedisClient client = RedisClient.create(redis.uri());
             StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisCommands<String, String> raw = connection.sync();
            // Other cached data with a TTL, older than any session's keys: what volatile-lru evicts first.
            String cached = "c".repeat(SIZE);
            for (int i = 0; i < FILLER_KEYS; i++) {
                raw.psetex("cache:" + i, Duration.ofHours(1).toMillis(), cached);
            }
            Map<String, String> config = config(redis, WriteMode.WRITE_BEHIND);
            servers.pauseFirestore();
            try (WriterProcess writer = WriterProcess.start(EvictionWriter.class,
                    List.of(Integer.toString(SESSIONS), Integer.toString(PER_SESSION), Integer.toString(SIZE)), config)) {
                writer.await("appending " + SESSIONS * PER_SESSION + " messages", Duration.ofSeconds(30),
                        () -> writer.notices().contains("DONE"));
                writer.kill();
                List<Ack> acked = writer.acks();
                assertThat(writer.notices()).as("no append refused").noneMatch(line -> line.startsWith("REFUSED"));
                assertThat(acked).as("every append acknowledged from the Redis journal, none from the writer's memory")
                        .hasSize(SESSIONS * PER_SESSION).noneMatch(Ack::degraded);
                assertThat(evictedKeys(raw)).as("Redis evicted keys to make room for the journal").isPositive();
                long journaled = 0;
                for (int s = 0; s < SESSIONS; s++) {
                    journaled += raw.zcard("mnemo:" + namespace + ":{s" + s + "}:journal");
                }
                assertThat(journaled).as("the journal holds every acknowledged message").isEqualTo(acked.size());

                servers.resumeFirestore();
                try (Mnemo draining = mnemo(config)) {
                    assertDurableHoldsExactly(acked);
                }
            }
        }
    }

    @Test
    void underAllkeysLruTheJournalIsRefusedAtItsFirstUseNamingThePolicyWhileRedisAloneStillTakesAppends() {
        try (RedisServer redis = redis("allkeys-lru")) {
            try (Mnemo mnemo = servers.mnemo(namespace, WriteMode.WRITE_BEHIND, Map.of("mnemo.redis.uri", redis.uri()))) {
                SessionId id = SessionId.of("refused");
                mnemo.blocking().openSession(id, "user");
                assertThatThrownBy(() -> mnemo.blocking().append(id, Message.user("journaled?")))
                        .isInstanceOf(WriteRefusedException.class)
                        .hasMessageContaining("maxmemory-policy allkeys-lru")
                        .hasMessageContaining("volatile-lru").hasMessageContaining("noeviction");
                assertThat(redisHealth(mnemo).detail()).contains("allkeys-lru").contains("refused");
            }
            Map<String, String> hotOnly = new TreeMap<>(config(redis, WriteMode.WRITE_BEHIND));
            hotOnly.put("mnemo.tiers", "redis,memory");
            try (Mnemo mnemo = mnemo(hotOnly)) {
                SessionId id = SessionId.of("cache");
                mnemo.blocking().openSession(id, "user");
                assertThat(mnemo.blocking().append(id, Message.user("no journal needed")).degraded())
                        .as("without a durable tier nothing is journaled, so the policy is fine").isFalse();
            }
        }
    }

    @Test
    void underNoevictionTheAppendRedisRefusesForMemoryFailsAndWhatWasAcknowledgedStillDrains()
            throws InterruptedException {
        try (RedisServer redis = redis("noeviction")) {
            Map<String, String> config = config(redis, WriteMode.WRITE_BEHIND);
            SessionId id = SessionId.of("full");
            List<Ack> acked = new ArrayList<>();
            RuntimeException refusal = null;
            try (Mnemo mnemo = mnemo(config)) {
                mnemo.blocking().openSession(id, "user");
                servers.pauseFirestore();
                String filler = "x".repeat(SIZE);
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (refusal == null && acked.size() < MOST_APPENDS && System.nanoTime() < deadline) {
                    Message message = Message.user(acked.size() + " " + filler);
                    try {
                        boolean degraded = mnemo.blocking().append(id, message).degraded();
                        acked.add(new Ack(id.value(), message.id(), degraded, 0));
                    } catch (RuntimeException e) {
                        refusal = e;
                    }
                }
            }
            assertThat(refusal).as("Redis refused an append within " + MAXMEMORY + " after " + acked.size())
                    .isInstanceOf(WriteRefusedException.class).hasMessageContaining("out of memory").hasMessageContaining("OOM");
            assertThat(acked).as("acknowledged from the Redis journal").isNotEmpty().noneMatch(Ack::degraded);

            fillUp(redis); // the writer's connection is gone, and with it some memory: a new process meets a full Redis
            servers.resumeFirestore();
            try (Mnemo draining = mnemo(config)) {
                assertDurableHoldsExactly(acked);
            }
        }
    }

    /** Writes keys that never expire until Redis refuses one for memory (or 1,000 went in). */
    private static void fillUp(RedisServer redis) {
        try (RedisClient client = RedisClient.create(redis.uri());
             StatefulRedisConnection<String, String> connection = client.connect()) {
            String pad = "p".repeat(SIZE);
            for (int i = 0; i < 1_000; i++) {
                try {
                    connection.sync().set("pad:" + i, pad);
                } catch (RedisCommandExecutionException e) {
                    assertThat(e).hasMessageStartingWith("OOM");
                    return;
                }
            }
            throw new AssertionError("Redis took 1,000 more keys after refusing an append");
        }
    }

    private static long evictedKeys(RedisCommands<String, String> raw) {
        return raw.info("stats").lines().filter(line -> line.startsWith("evicted_keys:"))
                .mapToLong(line -> Long.parseLong(line.substring("evicted_keys:".length()).trim())).sum();
    }

    private static RedisServer redis(String policy) {
        return RedisServer.start("--maxmemory", MAXMEMORY, "--maxmemory-policy", policy);
    }

    private Map<String, String> config(RedisServer redis, WriteMode mode) {
        return servers.config(namespace, mode, Map.of("mnemo.redis.uri", redis.uri()));
    }

    private static Mnemo mnemo(Map<String, String> keys) {
        StoreConfig config = StoreConfig.of(keys);
        return Mnemo.builder().config(config).settings(MnemoConfig.from(config)).build();
    }

    private static Health redisHealth(Mnemo mnemo) {
        return mnemo.blocking().health().tier("redis").orElseThrow().check();
    }

    /** Waits until Firestore holds every acknowledged message, then checks each session holds them once, in order. */
    private void assertDurableHoldsExactly(List<Ack> acked) throws InterruptedException {
        Map<String, Set<UUID>> expected = acked.stream().collect(Collectors.groupingBy(Ack::session,
                TreeMap::new, Collectors.mapping(Ack::id, Collectors.toCollection(TreeSet::new))));
        long deadline = System.nanoTime() + DRAIN.toNanos();
        Map<String, List<UUID>> held = durableIds(expected.keySet());
        while (!holdsAll(held, expected) && System.nanoTime() < deadline) {
            Thread.sleep(250);
            held = durableIds(expected.keySet());
        }
        try (FirestoreStore view = servers.durableView()) {
            for (Map.Entry<String, Set<UUID>> session : expected.entrySet()) {
                List<UUID> ids = held.get(session.getKey());
                assertThat(ids).as("session %s holds every acknowledged message", session.getKey())
                        .containsAll(session.getValue());
                assertThat(ids).as("once each, in id order").doesNotHaveDuplicates()
                        .isSortedAccordingTo(Message::compareIds);
                SessionRef ref = new SessionRef(namespace, SessionId.of(session.getKey()));
                assertThat(Stages.join(view.getSession(ref)).orElseThrow().messageCount())
                        .as("the session's counter").isEqualTo(ids.size());
            }
        }
    }

    private static boolean holdsAll(Map<String, List<UUID>> held, Map<String, Set<UUID>> expected) {
        return expected.entrySet().stream().allMatch(e -> held.get(e.getKey()).containsAll(e.getValue()));
    }

    private Map<String, List<UUID>> durableIds(Set<String> sessions) {
        Map<String, List<UUID>> ids = new TreeMap<>();
        try (FirestoreStore view = servers.durableView()) {
            for (String session : sessions) {
                SessionRef ref = new SessionRef(namespace, SessionId.of(session));
                List<UUID> found = new ArrayList<>();
                UUID after = null;
                for (int page = 0; page < 100; page++) {
                    List<Message> messages;
                    try {
                        messages = Stages.join(view.messagesAfter(ref, after, 500));
                    } catch (SessionNotFoundException e) {
                        break; // not created in Firestore yet
                    }
                    if (messages.isEmpty()) {
                        break;
                    }
                    messages.forEach(message -> found.add(message.id()));
                    after = messages.get(messages.size() - 1).id();
                }
                ids.put(session, found);
            }
        }
        return ids;
    }
}
