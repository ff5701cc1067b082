package dev.mnemo.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mnemo.AppendResult;
import dev.mnemo.BlockingMnemo;
import dev.mnemo.Message;
import dev.mnemo.Mnemo;
import dev.mnemo.SessionId;
import dev.mnemo.WriteMode;
import dev.mnemo.context.Context;
import dev.mnemo.context.ContextPolicy;
import dev.mnemo.spi.support.Stages;
import dev.mnemo.spi.SessionRef;
import dev.mnemo.store.firestore.FirestoreStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Kills and freezes the real servers in the middle of conversations and checks that every
 * acknowledged message ends up in the durable tier exactly once and in order, and that the
 * context read is right after recovery.
 */
class FaultToleranceTest {

    @RegisterExtension
    static final Servers servers = new Servers();

    private final String namespace = Servers.namespace("it");
    private final SessionId id = SessionId.of("conversation");
    private final SessionRef ref = new SessionRef(namespace, id);

    private static List<Message> talk(BlockingMnemo memory, SessionId id, int turns, List<AppendResult> acks) {
        List<Message> sent = new ArrayList<>();
        for (int i = 0; i < turns; i++) {
            Message message = i % 2 == 0 ? Message.user("question " + i) : Message.assistant("answer " + i);
            acks.add(memory.append(id, message));
            sent.add(message);
        }
        return sent;
    }

    private static void assertDegradedAcks(List<AppendResult> acks, String tier) {
        assertThat(acks).allSatisfy(ack -> {
            assertThat(ack.tier()).isEqualTo(tier);
            assertThat(ack.degraded()).isTrue();
        });
    }

    private List<UUID> durableIds() {
        try (FirestoreStore view = servers.durableView()) {
            List<UUID> ids = new ArrayList<>();
            UUID after = null;
            while (true) {
                List<Message> page = Stages.join(view.messagesAfter(ref, after, 100));
                if (page.isEmpty()) {
                    return ids;
                }
                page.forEach(m -> ids.add(m.id()));
                after = page.get(page.size() - 1).id();
            }
        }
    }

    private static List<UUID> ids(List<Message> messages) {
        return messages.stream().map(Message::id).toList();
    }

    private static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 30 s: " + what);
            }
            Thread.sleep(100);
        }
    }

    private void assertRecovered(BlockingMnemo memory, List<Message> sent) throws InterruptedException {
        List<UUID> expected = ids(sent);
        eventually("the durable tier holds every acknowledged message", () -> durableIds().size() >= expected.size());
        assertThat(durableIds()).as("every acknowledged message once, in order").isEqualTo(expected);
        Context context = memory.context(id, ContextPolicy.lastMessages(20));
        assertThat(ids(context.messages())).isEqualTo(expected.subList(expected.size() - 20, expected.size()));
        eventually("the hot tier serves the context again",
                () -> "redis".equals(memory.context(id, ContextPolicy.lastMessages(20)).tier()));
        Context hot = memory.context(id, ContextPolicy.lastMessages(20));
        assertThat(ids(hot.messages())).isEqualTo(expected.subList(expected.size() - 20, expected.size()));
        assertThat(hot.degraded()).isFalse();
    }

    @Test
    void whenRedisIsKilledMidConversationThenNothingAcknowledgedIsLost() throws Exception {
        try (Mnemo mnemo = servers.mnemo(namespace, WriteMode.WRITE_THROUGH)) {
            BlockingMnemo memory = mnemo.blocking();
            memory.openSession(id, "user-a");
            List<AppendResult> acks = new ArrayList<>();
            List<Message> sent = new ArrayList<>(talk(memory, id, 100, acks));
            servers.redis.kill();
            sent.addAll(talk(memory, id, 50, acks));
            assertDegradedAcks(acks.subList(100, 150), "firestore");
            servers.redis.restart();
            sent.addAll(talk(memory, id, 50, acks));
            assertRecovered(memory, sent);
        }
    }

    @Test
    void whenFirestoreStallsMidConversationThenTheJournalReplaysEverything() throws Exception {
        try (Mnemo mnemo = servers.mnemo(namespace, WriteMode.WRITE_THROUGH)) {
            BlockingMnemo memory = mnemo.blocking();
            memory.openSession(id, "user-b");
            List<AppendResult> acks = new ArrayList<>();
            List<Message> sent = new ArrayList<>(talk(memory, id, 100, acks));
            servers.pauseFirestore();
            try {
                sent.addAll(talk(memory, id, 50, acks));
            } finally {
                servers.resumeFirestore();
            }
            assertDegradedAcks(acks.subList(100, 150), "redis");
            sent.addAll(talk(memory, id, 50, acks));
            assertRecovered(memory, sent);
        }
    }

    @Test
    void whenBothServersFailTheFallbackServesAndBothCatchUpAfterwards() throws Exception {
        try (Mnemo mnemo = servers.mnemo(namespace, WriteMode.WRITE_THROUGH)) {
            BlockingMnemo memory = mnemo.blocking();
            memory.openSession(id, "user-c");
            List<AppendResult> acks = new ArrayList<>();
            List<Message> sent = new ArrayList<>(talk(memory, id, 60, acks));
            servers.redis.kill();
            servers.pauseFirestore();
            try {
                sent.addAll(talk(memory, id, 30, acks));
                assertDegradedAcks(acks.subList(60, 90), "memory");
                Context degraded = memory.context(id, ContextPolicy.lastMessages(20));
                assertThat(degraded.degraded()).isTrue();
                assertThat(ids(degraded.messages())).isEqualTo(ids(sent.subList(70, 90)));
            } finally {
                servers.resumeFirestore();
                servers.redis.restart();
            }
            sent.addAll(talk(memory, id, 10, acks));
            assertRecovered(memory, sent);
        }
    }

    @Test
    void twoProcessesAppendingToOneSessionStoreEveryMessageOnceInIdOrder() throws Exception {
        int threadsPerInstance = 8;
        int perThread = 12;
        List<Message> sent = Collections.synchronizedList(new ArrayList<>());
        // Two writers contend for one session document; the emulator serialises their transactions slowly.
        Map<String, String> patient = Map.of("mnemo.resilience.timeout", "5s", "mnemo.firestore.timeout", "5s");
        try (Mnemo first = servers.mnemo(namespace, WriteMode.WRITE_THROUGH, patient);
             Mnemo second = servers.mnemo(namespace, WriteMode.WRITE_THROUGH, patient)) {
            first.blocking().openSession(id, "user-d");
            second.blocking().openSession(id, "user-d");
            ExecutorService pool = Executors.newFixedThreadPool(2 * threadsPerInstance);
            try {
                List<Future<?>> writers = new ArrayList<>();
                for (Mnemo instance : List.of(first, second)) {
                    for (int t = 0; t < threadsPerInstance; t++) {
                        writers.add(pool.submit(() -> {
                            for (int i = 0; i < perThread; i++) {
                                Message message = Message.user("concurrent " + i);
                                sent.add(message);
                                instance.blocking().append(id, message);
                            }
                            return null;
                        }));
                    }
                }
                for (Future<?> writer : writers) {
                    writer.get(120, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            List<UUID> expected = sent.stream().sorted(Message.BY_ID).map(Message::id).toList();
            eventually("the durable tier holds every message", () -> durableIds().size() >= expected.size());
            assertThat(durableIds()).isEqualTo(expected);
            assertThat(first.blocking().getSession(id).value().orElseThrow().messageCount()).isEqualTo(expected.size());
            Context fromHot = second.blocking().context(id, ContextPolicy.lastMessages(50));
            assertThat(fromHot.tier()).isEqualTo("redis");
            assertThat(ids(fromHot.messages())).isEqualTo(expected.subList(expected.size() - 50, expected.size()));
        }
    }
}
