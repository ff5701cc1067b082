package dev.mnemo.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mnemo.BlockingMnemo;
import dev.mnemo.Message;
import dev.mnemo.Mnemo;
import dev.mnemo.MnemoConfig;
import dev.mnemo.ResilienceConfig;
import dev.mnemo.Served;
import dev.mnemo.SessionId;
import dev.mnemo.State;
import dev.mnemo.StateDelta;
import dev.mnemo.TurnResult;
import dev.mnemo.WriteMode;
import dev.mnemo.context.Context;
import dev.mnemo.context.ContextPolicy;
import dev.mnemo.context.PendingToolCall;
import dev.mnemo.context.PendingToolCalls;
import dev.mnemo.spi.support.Stages;
import dev.mnemo.spi.MemoryStore;
import dev.mnemo.spi.StoreConfig;
import dev.mnemo.store.firestore.FirestoreStore;
import dev.mnemo.store.firestore.FirestoreStoreConfig;
import dev.mnemo.store.memory.MemoryStoreProvider;
import dev.mnemo.store.redis.RedisStore;
import dev.mnemo.store.redis.RedisStoreConfig;
import dev.mnemo.summary.ExtractiveSummarizer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The hot tier serves a chatbot's whole turn: system prompt, summary, state, window and token
 * budget come from Redis in one round trip, so a warm session's turn reads nothing from Firestore
 * and does not wait for it when it is frozen; corrupt Redis data is answered from Firestore.
 */
class HotTurnTest {

    /** The policy a chatbot uses: system prompt, summary, last 40, compaction, a budget, pending tool calls. */
    static final ContextPolicy FULL = ContextPolicy.systemPrompt().then(ContextPolicy.summary())
            .then(ContextPolicy.lastMessages(40))
            .then(ContextPolicy.compactToolResults(Map.of("read_file", "File {file_path}. Re-read if needed.")))
            .then(ContextPolicy.tokenBudget(8_000)).then(ContextPolicy.state());
    private static final Set<String> READS = Set.of("getSession", "getState", "getSummary", "readWindow",
            "lastMessages", "messagesAfter", "listSessions");

    @RegisterExtension
    static final Servers servers = new Servers();
    private final String namespace = Servers.namespace("turn");
    private final SessionId id = SessionId.of("chat");
    private final AtomicInteger durableReads = new AtomicInteger();
    private Mnemo mnemo;
    private BlockingMnemo memory;
    private Duration durableTimeLimit;
    private final List<Message> sent = new ArrayList<>();

    @BeforeEach
    void warmSession() {
        // Rolling summaries run only when asked: an automatic one reads the transcript from the durable tier.
        StoreConfig config = StoreConfig.of(servers.config(namespace, WriteMode.WRITE_THROUGH,
                Map.of("mnemo.summary.every-messages", "0", "mnemo.summary.every-tokens", "0")));
        MemoryStore durable = counting(new FirestoreStore(FirestoreStoreConfig.from(config)));
        durableTimeLimit = ResilienceConfig.from(config, FirestoreStore.NAME).timeout();
        mnemo = Mnemo.builder().config(config).settings(MnemoConfig.from(config))
                .summarizer(new ExtractiveSummarizer())
                .tiers(RedisStore.create(RedisStoreConfig.from(config)), durable, new MemoryStoreProvider().create(config))
                .build();
        memory = mnemo.blocking();
        memory.openSession(id, "user-1");
        memory.append(id, Message.system("You answer questions about orders."));
        for (int i = 0; i < 30; i++) {
            Message message = i % 2 == 0 ? Message.user("question " + i) : Message.assistant("answer " + i);
            memory.append(id, message);
            sent.add(message);
        }
        memory.summarize(id);
        memory.updateState(id, PendingToolCalls.add(new PendingToolCall(
                new dev.mnemo.ToolCall("call-1", "refund", "{}"), "needs approval", Instant.now())));
        memory.updateState(id, StateDelta.set("user:language", "fr"));
    }

    @AfterEach
    void close() {
        servers.resumeFirestore();
        mnemo.close();
    }

    @Test
    void aWarmSessionsTurnReadsNothingFromTheDurableTier() {
        memory.context(id, FULL); // the first state read of this process learns the session's owner
        durableReads.set(0);
        for (int turn = 0; turn < 5; turn++) {
            memory.append(id, Message.user("next question " + turn));
            Context context = memory.context(id, FULL);
            assertThat(context.tier()).isEqualTo("redis");
            assertThat(context.systemPrompt()).isPresent();
            assertThat(context.summary()).isPresent();
            assertThat(context.pendingToolCalls()).hasSize(1);
            memory.append(id, Message.assistant("next answer " + turn));
            assertThat(Stages.join(mnemo.state(id)).tier()).isEqualTo("redis");
            assertThat(Stages.join(mnemo.getSession(id)).tier()).isEqualTo("redis");
            assertThat(Stages.join(mnemo.summary(id)).tier()).isEqualTo("redis");
        }
        assertThat(durableReads).as("reads of the durable tier in 5 turns").hasValue(0);
    }

    @Test
    void everyBuiltInPolicyOfAWarmSessionIsServedByRedisAt200And1000Messages() {
        List<ContextPolicy> policies = List.of(ContextPolicy.lastMessages(20), ContextPolicy.lastMessages(100),
                ContextPolicy.tokenBudget(4_000), ContextPolicy.systemPrompt(), ContextPolicy.summary(),
                ContextPolicy.compactToolResults(Map.of("read_file", "File {file_path}.")), ContextPolicy.state(),
                ContextPolicy.summary().then(ContextPolicy.lastMessages(40)), FULL);
        for (int size : List.of(200, 1_000)) {
            grow(size);
            memory.context(id, FULL); // the first state read of this process learns the session's owner
            durableReads.set(0);
            for (ContextPolicy policy : policies) {
                Context context = memory.context(id, policy);
                assertThat(context.tier()).as("%s at %d messages", policy, size).isEqualTo("redis");
                Context turn = memory.turn(id, List.of(Message.user("turn at " + size)), policy).context();
                assertThat(turn.tier()).as("a turn of %s at %d messages", policy, size).isEqualTo("redis");
                assertThat(turn.messages()).as("the turn's context holds its message").isNotEmpty();
            }
            assertThat(durableReads).as("durable reads of %d contexts and turns at %d messages", 2 * policies.size(), size)
                    .hasValue(0);
        }
    }

    /** Appends in batches until the session holds {@code size} messages. */
    private void grow(int size) {
        long count = memory.getSession(id).value().orElseThrow().messageCount();
        while (count < size) {
            List<Message> batch = new ArrayList<>();
            for (int i = 0; i < Math.min(100, size - count); i++) {
                batch.add(i % 2 == 0 ? Message.user("q " + (count + i)) : Message.assistant("a " + (count + i)));
            }
            count = memory.append(id, batch).messageCount();
        }
    }

    @Test
    void whenFirestoreIsFrozenAWarmTurnIsReadAtRedisSpeedAndNotDegraded() {
        servers.pauseFirestore();
        long start = System.nanoTime();
        Context context = memory.context(id, FULL);
        Served<State> state = Stages.join(mnemo.state(id));
        long millis = (System.nanoTime() - start) / 1_000_000;
        // A read that waited for the frozen tier would take its whole time limit; half of it is far
        // above a warm Redis read, even on a loaded 2-core machine.
        assertThat(millis).as("no wait for the frozen tier, whose time limit is %d ms", durableTimeLimit.toMillis())
                .isLessThan(durableTimeLimit.toMillis() / 2);
        assertThat(context.tier()).isEqualTo("redis");
        assertThat(context.degraded()).isFalse();
        assertThat(context.systemPrompt()).isPresent();
        assertThat(context.messages()).isNotEmpty();
        assertThat(state.tier()).isEqualTo("redis");
        assertThat(state.degraded()).isFalse();
        assertThat(state.value().values()).containsEntry("user:language", "fr");

        Message question = Message.user("is my refund through?");
        TurnResult turn = memory.turn(id, List.of(question), FULL);
        assertThat(turn.appended().degraded()).as("journaled in Redis, acknowledged past the durable deadline").isTrue();
        assertThat(turn.context().tier()).isEqualTo("redis");
        assertThat(turn.context().messages()).extracting(Message::id).endsWith(question.id());
    }

    @Test
    void aCorruptRedisWindowIsAnsweredFromFirestoreAndRebuilt() throws InterruptedException {
        String msgs = "mnemo:" + namespace + ":{chat}:msgs";
        try (RedisClient client = RedisClient.create(servers.redis.uri());
             StatefulRedisConnection<String, String> raw = client.connect()) {
            raw.sync().lset(msgs, -2, "{not a message");
        }
        Context context = memory.context(id, ContextPolicy.lastMessages(10));
        assertThat(context.tier()).isEqualTo("firestore");
        assertThat(ids(context.messages())).isEqualTo(ids(sent.subList(20, 30)));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        Context rebuilt = memory.context(id, ContextPolicy.lastMessages(10));
        while (!rebuilt.tier().equals("redis") && System.nanoTime() < deadline) {
            Thread.sleep(50);
            rebuilt = memory.context(id, ContextPolicy.lastMessages(10));
        }
        assertThat(rebuilt.tier()).as("the hot copy is rebuilt").isEqualTo("redis");
        assertThat(ids(rebuilt.messages())).isEqualTo(ids(sent.subList(20, 30)));
        assertThat(memory.health().journal().corruptReads()).isEqualTo(1);
    }

    private MemoryStore counting(FirestoreStore store) {
        return (MemoryStore) Proxy.newProxyInstance(MemoryStore.class.getClassLoader(), new Class<?>[] {MemoryStore.class},
                (proxy, method, args) -> {
                    if (READS.contains(method.getName())) {
                        durableReads.incrementAndGet();
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static List<UUID> ids(List<Message> messages) {
        return messages.stream().map(Message::id).toList();
    }
}
