package dev.mnemo.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mnemo.AppendResult;
import dev.mnemo.BlockingMnemo;
import dev.mnemo.Message;
import dev.mnemo.MnemoHealth;
import dev.mnemo.TurnResult;
import dev.mnemo.Mnemo;
import dev.mnemo.MnemoConfig;
import dev.mnemo.SessionId;
import dev.mnemo.StoreUnavailableException;
import dev.mnemo.WriteMode;
import dev.mnemo.spi.SessionRef;
import dev.mnemo.spi.StoreConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TieredRouterTest {

    /** Breakers that open after 2 failed calls and probe again after 100 ms, so the tests are quick. */
    private static final StoreConfig FAST_BREAKERS = StoreConfig.of(Map.of(
            "mnemo.resilience.sliding-window-size", "4", "mnemo.resilience.minimum-calls", "2",
            "mnemo.resilience.wait-in-open", "100ms", "mnemo.resilience.timeout", "1s",
            "mnemo.resilience.retry-attempts", "1"));

    private final FaultyTier hot = FaultyTier.hot();
    private final FaultyTier durable = FaultyTier.durable();
    private final FaultyTier fallback = FaultyTier.fallback();
    private final SessionId id = SessionId.of("conversation");
    private final SessionRef ref = new SessionRef("default", id);
    private Mnemo mnemo;

    private BlockingMnemo open(WriteMode mode, int journal) {
        mnemo = Mnemo.builder().config(FAST_BREAKERS)
                .settings(MnemoConfig.builder().writeMode(mode).journalMaxMessages(journal)
                        .flushInterval(Duration.ofMillis(20)).build())
                .tiers(hot.store, durable.store, fallback.store).build();
        BlockingMnemo memory = mnemo.blocking();
        memory.openSession(id, "u1");
        return memory;
    }

    @AfterEach
    void close() {
        if (mnemo != null) {
            mnemo.close();
        }
    }

    private static List<Message> say(BlockingMnemo memory, SessionId id, int count, List<AppendResult> results) {
        List<Message> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Message message = Message.user("turn " + i);
            results.add(memory.append(id, message));
            sent.add(message);
        }
        return sent;
    }

    private static List<UUID> ids(List<Message> messages) {
        return messages.stream().map(Message::id).toList();
    }

    private List<UUID> durableIds() {
        return ids(durable.data().messagesAfter(ref, null, 10_000).toCompletableFuture().join());
    }

    private static void eventually(BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 250 && !condition.getAsBoolean(); i++) {
            Thread.sleep(20);
        }
        assertThat(condition.getAsBoolean()).as("condition reached within 5 s").isTrue();
    }

    @Test
    void whenAllTiersServeThenAppendsAreAcknowledgedByTheDurableTierAndContextComesFromHot() {
        BlockingMnemo memory = open(WriteMode.WRITE_THROUGH, 100);
        List<AppendResult> results = new ArrayList<>();
        List<Message> sent = say(memory, id, 5, results);
        assertThat(results).allSatisfy(r -> {
            assertThat(r.tier()).isEqualTo("durable");
            assertThat(r.degraded()).isFalse();
        });
        assertThat(durableIds()).isEqualTo(ids(sent));
        var context = memory.context(id, dev.mnemo.context.ContextPolicy.lastMessages(3));
        assertThat(context.tier()).isEqualTo("hot");
        assertThat(ids(context.messages())).isEqualTo(ids(sent.subList(2, 5)));
    }

    @Test
    void whileAFrozenHotTierIsBeingReWarmedEveryReadSaysDegraded() throws InterruptedException {
        BlockingMnemo memory = open(WriteMode.WRITE_THROUGH, 100);
        memory.append(id, Message.user("hello"));
        hot.freeze();
        assertThat(memory.append(id, Message.user("still there?")).degraded()).as("the hot tier missed it").isTrue();

        // One timeout does not open the breaker (2 calls at least), so maintenance re-warms the missed
        // session into the frozen tier meanwhile; that copy never lands, and reads must not take it as served.
        long until = System.nanoTime() + Duration.ofMillis(1_500).toNanos();
        while (System.nanoTime() < until) {
            var context = memory.context(id, dev.mnemo.context.ContextPolicy.lastMessages(5));
            assertThat(context.degraded()).as("a context read while the hot copy is stale, from " + context.tier()).isTrue();
            assertThat(context.messages()).hasSize(2);
            Thread.sleep(50);
        }
        hot.up();
        eventually(() -> memory.context(id, dev.mnemo.context.ContextPolicy.lastMessages(5)).tier().equals("hot"));
    }

    @Test
    void whenDurableIsDownThenAppendsAreJournaledAndReplayedOnceItReturns() throws InterruptedException {
        BlockingMnemo memory = open(WriteMode.WRITE_THROUGH, 1000);
        List<AppendResult> results = new ArrayList<>();
        List<Message> sent = new ArrayList<>(say(memory, id, 10, results));
        durable.down();
        sent.addAll(say(memory, id, 20, results));
        assertThat(results.subList(10, 30)).allSatisfy(r -> {
            assertThat(r.degraded()).isTrue();
            assertThat(r.tier()).isEqualTo("hot");
        });
        assertThat(memory.history(id, 30).value()).extracting(Message::id).isEqualTo(ids(sent));
        durable.up();
        eventually(() -> durableIds().size() == 30);
        assertThat(durableIds()).isEqualTo(ids(sent));
        assertThat(durable.data().getSession(ref).toCompletableFuture().join().orElseThrow().messageCount()).isEqualTo(30);
    }

    @Test
    void healthIsDegradedWhileATierIsDownAtRiskWhileWritesWaitHereAloneAndDownWhenNoTierTakesWrites()
            throws InterruptedException {
        BlockingMnemo memory = open(WriteMode.WRITE_THROUGH, 1000);
        assertThat(memory.health().status()).isEqualTo(MnemoHealth.Status.UP);
        hot.down();
        say(memory, id, 3, new ArrayList<>());
        eventually(() -> memory.health().status() == MnemoHealth.Status.DEGRADED);
        assertThat(memory.health().tier("hot").orElseThrow().up()).isFalse();
        hot.up();
        eventually(() -> memory.health().status() == MnemoHealth.Status.UP);
        durable.down();
        say(memory, id, 3, new ArrayList<>());
        MnemoHealth atRisk = memory.health();
        assertThat(atRisk.status()).as("no shared journal holds what the durable tier missed").isEqualTo(MnemoHealth.Status.AT_RISK);
        assertThat(atRisk.journal().heldOnlyHere()).isEqualTo(3);
        durable.up();
        eventually(() -> memory.health().status() == MnemoHealth.Status.UP && memory.health().journal().waitingHere() == 0);
        hot.down();
        durable.down();
        fallback.down();
        eventually(() -> memory.health().status() == MnemoHealth.Status.DOWN);
    }

    @Test
    void aTurnAppendsAndAnswersTheContextAfterItWithTheAppendsAcknowledgementOnEveryTierState() {
        BlockingMnemo memory = open(WriteMode.WRITE_THROUGH, 1000);
        List<Message> sent = say(memory, id, 4, new ArrayList<>());
        Message question = Message.user("and now?");
        TurnResult turn = memory.turn(id, List.of(question), dev.mnemo.context.ContextPolicy.lastMessages(3));
        assertThat(turn.appended().tier()).isEqualTo("durable");
        assertThat(turn.appended().degraded()).isFalse();
        assertThat(turn.context().tier()).as("the window read with the append").isEqualTo("hot");
        assertThat(ids(turn.context().messages())).containsExactly(sent.get(2).id(), sent.get(3).id(), question.id());
        assertThat(durableIds()).endsWith(question.id());

        TurnResult retried = memory.turn(id, List.of(question), dev.mnemo.context.ContextPolicy.lastMessages(3));
        assertThat(retried.appended().appended()).as("a retried turn stores nothing twice").isZero();
        assertThat(ids(retried.context().messages())).isEqualTo(ids(turn.context().messages()));

        durable.down();
        Message second = Message.user("still there?");
        TurnResult journaled = memory.turn(id, List.of(second), dev.mnemo.context.ContextPolicy.lastMessages(2));
        assertThat(journaled.appended().degraded()).isTrue();
        assertThat(ids(journaled.context().messages())).containsExactly(question.id(), second.id());
        durable.up();

        hot.down();
        Message third = Message.user("and the hot tier?");
        TurnResult fromRecord = memory.turn(id, List.of(third), dev.mnemo.context.ContextPolicy.lastMessages(2));
        assertThat(fromRecord.context().degraded()).isTrue();
        assertThat(ids(fromRecord.context().messages())).containsExactly(second.id(), third.id());
    }

    @Test
    void pagingTheTranscriptAndListingSessionsIncludeWhatTheDurableTierHasNotTakenYet() {
        mnemo = Mnemo.builder().config(StoreConfig.of(Map.of("mnemo.resilience.minimum-calls", "1000",
                        "mnemo.resilience.retry-attempts", "1")))
                .settings(MnemoConfig.builder().flushInterval(Duration.ofHours(1)).build())
                .tiers(hot.store, durable.store, fallback.store).build();
        BlockingMnemo memory = mnemo.blocking();
        memory.openSession(id, "u1");
        List<Message> before = say(memory, id, 3, new ArrayList<>());
        durable.writesDown(); // it answers reads, and lags behind every write
        SessionId fresh = SessionId.of("opened-while-durable-lags");
        memory.openSession(fresh, "u1");
        List<Message> during = say(memory, id, 3, new ArrayList<>());
        List<Message> all = new ArrayList<>(before);
        all.addAll(during);
        assertThat(ids(memory.messagesAfter(id, null, 100).value())).isEqualTo(ids(all));
        assertThat(ids(memory.messagesAfter(id, before.get(2).id(), 2).value())).isEqualTo(ids(during.subList(0, 2)));
        assertThat(memory.messagesAfter(fresh, null, 10).value()).as("a session only the hot tier has yet").isEmpty();
        assertThat(memory.listSessions("u1", 10).value()).extracting(dev.mnemo.Session::id).contains(id, fresh);
    }

    @Test
    void whenHotIsDownThenReadsComeFromDurableAndTheSessionIsReWarmedWhenItReturns() throws InterruptedException {
        BlockingMnemo memory = open(WriteMode.WRITE_THROUGH, 100);
        List<AppendResult> results = new ArrayList<>();
        List<Message> sent = new ArrayList<>(say(memory, id, 5, results));
        hot.down();
        sent.addAll(say(memory, id, 5, results));
        assertThat(results.subList(5, 10)).allSatisfy(r -> assertThat(r.degraded()).isTrue());
        var degraded = memory.context(id, dev.mnemo.context.ContextPolicy.lastMessages(10));
        assertThat(degraded.degraded()).isTrue();
        assertThat(ids(degraded.messages())).isEqualTo(ids(sent));
        hot.up();
        eventually(() -> hot.data().lastMessages(ref, 20).toCompletableFuture().join().size() == 10);
        assertThat(ids(hot.data().lastMessages(ref, 20).toCompletableFuture().join())).isEqualTo(ids(sent));
    }

    @Test
    void whenHotLosesItsDataThenReadsGoThroughToDurableAndWarmHot() throws InterruptedException {
        BlockingMnemo memory = open(WriteMode.WRITE_THROUGH, 100);
        List<Message> sent = say(memory, id, 8, new ArrayList<>());
        hot.wipe();
        var context = memory.context(id, dev.mnemo.context.ContextPolicy.lastMessages(8));
        assertThat(context.tier()).isEqualTo("durable");
        assertThat(ids(context.messages())).isEqualTo(ids(sent));
        eventually(() -> hot.data().getSession(ref).toCompletableFuture().join().isPresent());
        var warmed = memory.context(id, dev.mnemo.context.ContextPolicy.lastMessages(8));
        assertThat(warmed.tier()).isEqualTo("hot");
        assertThat(ids(warmed.messages())).isEqualTo(ids(sent));
        assertThat(hot.data().getSession(ref).toCompletableFuture().join().orElseThrow().messageCount()).isEqualTo(8);
    }

    @Test
    void whenHotLostTheSessionThenAnAppendWarmsItAndKeepsCountersRight() {
        BlockingMnemo memory = open(WriteMode.WRITE_THROUGH, 100);
        say(memory, id, 4, new ArrayList<>());
        hot.wipe();
        AppendResult result = memory.append(id, Message.user("after the restart"));
        assertThat(result.degraded()).isFalse();
        assertThat(hot.data().getSession(ref).toCompletableFuture().join().orElseThrow().messageCount()).isEqualTo(5);
        assertThat(hot.data().lastMessages(ref, 10).toCompletableFuture().join()).hasSize(5);
    }

    @Test
    void whenBothServerTiersAreDownThenTheFallbackServesAndDurableGetsEverythingBack() throws InterruptedException {
        BlockingMnemo memory = open(WriteMode.WRITE_THROUGH, 1000);
        List<Message> sent = new ArrayList<>(say(memory, id, 3, new ArrayList<>()));
        hot.down();
        durable.down();
        List<AppendResult> results = new ArrayList<>();
        sent.addAll(say(memory, id, 6, results));
        assertThat(results).allSatisfy(r -> {
            assertThat(r.tier()).isEqualTo("fallback");
            assertThat(r.degraded()).isTrue();
        });
        var context = memory.context(id, dev.mnemo.context.ContextPolicy.lastMessages(20));
        assertThat(context.tier()).isEqualTo("fallback");
        assertThat(ids(context.messages())).isEqualTo(ids(sent));
        hot.up();
        durable.up();
        eventually(() -> durableIds().size() == 9);
        assertThat(durableIds()).isEqualTo(ids(sent));
        eventually(() -> hot.data().lastMessages(ref, 20).toCompletableFuture().join().size() == 9);
    }

    @Test
    void whenTheJournalIsFullThenAppendsFailInsteadOfDroppingAnything() {
        BlockingMnemo memory = open(WriteMode.WRITE_THROUGH, 5);
        durable.down();
        say(memory, id, 5, new ArrayList<>());
        assertThatThrownBy(() -> memory.append(id, Message.user("one too many")))
                .isInstanceOf(StoreUnavailableException.class).hasMessageContaining("journal is full");
        durable.up(); // so that close() flushes the journal instead of waiting out its flush timeout
    }

    @Test
    void writeBehindAcknowledgesFromHotAndFlushesToDurableInBatches() throws InterruptedException {
        BlockingMnemo memory = open(WriteMode.WRITE_BEHIND, 1000);
        List<AppendResult> results = new ArrayList<>();
        List<Message> sent = say(memory, id, 50, results);
        assertThat(results).allSatisfy(r -> {
            assertThat(r.tier()).isEqualTo("hot");
            assertThat(r.degraded()).isFalse();
        });
        eventually(() -> durableIds().size() == 50);
        assertThat(durableIds()).isEqualTo(ids(sent));
    }

    @Test
    void writeBehindBacklogIsReplayedInBatchesEveryTierTakes() throws InterruptedException {
        BlockingMnemo memory = open(WriteMode.WRITE_BEHIND, 2000);
        durable.down();
        List<Message> sent = say(memory, id, 3 * FaultyTier.MAX_APPEND / 2, new ArrayList<>());
        durable.up();
        eventually(() -> durableIds().size() == sent.size());
        assertThat(durableIds()).isEqualTo(ids(sent));
    }

    @Test
    void endingASessionFlushesItsQueuedWritesFirst() throws InterruptedException {
        BlockingMnemo memory = open(WriteMode.WRITE_BEHIND, 1000);
        durable.down();
        List<Message> sent = say(memory, id, 5, new ArrayList<>());
        assertThat(memory.endSession(id)).as("the hot tier claims the end while the durable tier is out").isTrue();
        durable.up();
        eventually(() -> durable.data().getSession(ref).toCompletableFuture().join().orElseThrow().status()
                == dev.mnemo.SessionStatus.ENDED);
        assertThat(durableIds()).as("every message, committed before the end").isEqualTo(ids(sent));
        MnemoHealth health = memory.health();
        assertThat(health.status()).as(health.toString()).isEqualTo(MnemoHealth.Status.UP);
        assertThat(health.journal().waitingHere()).isZero();
    }

    @Test
    void endingASessionWhileTheDurableTierServesCommitsItsMessagesBeforeTheEnd() {
        BlockingMnemo memory = open(WriteMode.WRITE_BEHIND, 1000);
        List<Message> sent = say(memory, id, 20, new ArrayList<>());
        assertThat(memory.endSession(id)).isTrue();
        assertThat(durableIds()).isEqualTo(ids(sent));
        assertThat(durable.data().getSession(ref).toCompletableFuture().join().orElseThrow().status())
                .isEqualTo(dev.mnemo.SessionStatus.ENDED);
    }

    @Test
    void deletingASessionDropsItsQueuedWritesSoNoneBringsItBack() throws InterruptedException {
        BlockingMnemo memory = open(WriteMode.WRITE_THROUGH, 1000);
        say(memory, id, 2, new ArrayList<>());
        durable.down();
        say(memory, id, 3, new ArrayList<>());
        hot.data().deleteSession(ref).toCompletableFuture().join();
        durable.up();
        Thread.sleep(150); // let a breaker probe pass so the purge reaches the durable tier directly
        assertThat(memory.deleteSession(id)).isTrue();
        Thread.sleep(200); // several flush intervals: a replay would have landed by now
        assertThat(durable.data().getSession(ref).toCompletableFuture().join()).isEmpty();
        assertThat(memory.getSession(id).value()).isEmpty();
    }

    @Test
    void withOnlyTheMemoryTierNothingIsDegraded() {
        try (Mnemo embedded = Mnemo.builder().tiers(fallback.store).build()) {
            embedded.blocking().openSession(id, "u1");
            AppendResult result = embedded.blocking().append(id, Message.user("hi"));
            assertThat(result.tier()).isEqualTo("fallback");
            assertThat(result.degraded()).isFalse();
        }
    }
}
