package dev.mnemo.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mnemo.JournalFullException;
import dev.mnemo.Message;
import dev.mnemo.Session;
import dev.mnemo.SessionId;
import dev.mnemo.WriteRefusedException;
import dev.mnemo.spi.SessionRef;
import dev.mnemo.spi.support.Stages;
import dev.mnemo.testkit.redis.RedisServer;
import io.lettuce.core.AclSetuserArgs;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.protocol.CommandType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Redis's memory limits never eat an acknowledged write: an {@code allkeys-*} eviction policy
 * refuses the journal (and only the journal), and a write Redis refuses for memory is refused, not
 * taken. A server of its own, since the tests change its {@code maxmemory} and policy.
 */
class RedisEvictionTest {

    private static final Duration LEASE = Duration.ofMillis(100);

    private static RedisServer server;
    private static RawRedis raw;
    private static RedisCommands<String, String> admin;

    private final SessionRef ref = new SessionRef("eviction-" + UUID.randomUUID(), SessionId.of("s1"));
    private RedisStore store;

    @BeforeAll
    static void start() {
        server = RedisServer.start();
        raw = new RawRedis(server.uri());
        admin = raw.commands();
    }

    @AfterAll
    static void stop() {
        raw.close();
        server.close();
    }

    @BeforeEach
    void reset() {
        admin.configSet("maxmemory", "0");
        admin.configSet("maxmemory-policy", "noeviction");
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
        admin.configSet("maxmemory", "0");
    }

    @Test
    void underAnAllkeysPolicyAJournaledAppendIsRefusedNamingThePolicyWhileAPlainOneIsTaken() {
        admin.configSet("maxmemory-policy", "allkeys-lru");
        store = open(server.uri());

        assertThatThrownBy(() -> Stages.join(store.appendJournaled(ref, List.of(Message.user("kept?")))))
                .isInstanceOf(WriteRefusedException.class).isNotInstanceOf(JournalFullException.class)
                .hasMessageContaining("allkeys-lru").hasMessageContaining("volatile-lru").hasMessageContaining("noeviction");
        assertThat(admin.exists(journal())).as("nothing journaled").isZero();
        assertThat(Stages.join(store.append(ref, List.of(Message.user("no journal needed")))).appended()).isEqualTo(1);
        assertThat(Stages.join(store.health()).detail()).contains("allkeys-lru").contains("refused");
    }

    @Test
    void underAVolatilePolicyTheJournalIsTakenAndHealthSaysItIsSafe() {
        admin.configSet("maxmemory-policy", "volatile-lfu");
        store = open(server.uri());

        assertThat(Stages.join(store.appendJournaled(ref, List.of(Message.user("journaled")))).appended()).isEqualTo(1);
        assertThat(admin.zcard(journal())).isEqualTo(1);
        assertThat(Stages.join(store.health()).detail()).contains("volatile-lfu").contains("never evicted");
    }

    @Test
    void aPolicyChangedAtRuntimeIsSeenByTheNextHealthCheck() {
        store = open(server.uri());
        Stages.join(store.appendJournaled(ref, List.of(Message.user("under noeviction"))));

        admin.configSet("maxmemory-policy", "allkeys-random");
        assertThat(Stages.join(store.health()).detail()).contains("allkeys-random");
        assertThatThrownBy(() -> Stages.join(store.appendJournaled(ref, List.of(Message.user("now refused")))))
                .isInstanceOf(WriteRefusedException.class).hasMessageContaining("allkeys-random");
    }

    @Test
    void whenAnAclRefusesConfigThePolicyIsReadFromInfo() {
        admin.configSet("maxmemory-policy", "allkeys-lfu");
        admin.aclSetuser("noconfig", AclSetuserArgs.Builder.on().addPassword("pw").allKeys().allChannels()
                .allCommands().removeCommand(CommandType.CONFIG));
        store = open("redis://noconfig:pw@127.0.0.1:" + server.port());

        assertThatThrownBy(() -> Stages.join(store.appendJournaled(ref, List.of(Message.user("kept?")))))
                .isInstanceOf(WriteRefusedException.class).hasMessageContaining("allkeys-lfu");
    }

    @Test
    void whenNeitherConfigNorInfoAnswersTheJournalIsTakenAndHealthSaysThePolicyIsUnknown() {
        admin.configSet("maxmemory-policy", "allkeys-lru");
        admin.aclSetuser("blind", AclSetuserArgs.Builder.on().addPassword("pw").allKeys().allChannels()
                .allCommands().removeCommand(CommandType.CONFIG)
                .removeCommand(CommandType.INFO));
        store = open("redis://blind:pw@127.0.0.1:" + server.port());

        assertThat(Stages.join(store.appendJournaled(ref, List.of(Message.user("unchecked")))).appended()).isEqualTo(1);
        assertThat(Stages.join(store.health()).detail()).contains("unknown").contains("not checked");
    }

    @Test
    void aWriteRedisRefusesForMemoryIsRefusedAndNothingOfItIsStored() {
        store = open(server.uri());
        admin.configSet("maxmemory", "1"); // below what any server uses: every write that could grow memory is refused

        assertThatThrownBy(() -> Stages.join(store.appendJournaled(ref, List.of(Message.user("no room")))))
                .isInstanceOf(WriteRefusedException.class).hasMessageContaining("out of memory").hasMessageContaining("OOM");
        assertThatThrownBy(() -> Stages.join(store.append(ref, List.of(Message.user("no room either")))))
                .isInstanceOf(WriteRefusedException.class);
        admin.configSet("maxmemory", "0");
        assertThat(admin.exists(journal())).as("nothing journaled").isZero();
        assertThat(Stages.join(store.lastMessages(ref, 10))).as("nothing in the window").isEmpty();
    }

    @Test
    void aJournalThatFilledRedisCanStillBeClaimedAndSettledSoItDrains() throws InterruptedException {
        store = open(server.uri());
        Message message = Message.user("waits for the durable tier");
        Stages.join(store.appendJournaled(ref, List.of(message)));
        admin.configSet("maxmemory", "1");
        Thread.sleep(LEASE.toMillis() * 2); // the writer's lease runs out, as when it died

        assertThat(Stages.join(store.claimDue(ref.namespace(), 10))).containsExactly(ref);
        assertThat(Stages.join(store.settle(ref, List.of(message.id())))).isZero();
    }

    /** A store with a session, created while Redis has room. */
    private RedisStore open(String uri) {
        RedisStore opened = RedisStore.create(RedisStoreConfig.builder().uri(uri).journalLease(LEASE).build());
        Stages.join(opened.createSession(Session.create(ref, "u1", Map.of(), Instant.now())));
        return opened;
    }

    private String journal() {
        return "mnemo:" + ref.namespace() + ":{s1}:journal";
    }
}
