package dev.mnemo.summary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mnemo.BlockingMnemo;
import dev.mnemo.Message;
import dev.mnemo.Mnemo;
import dev.mnemo.MnemoException;
import dev.mnemo.SessionId;
import dev.mnemo.Summary;
import dev.mnemo.context.Context;
import dev.mnemo.context.ContextPolicy;
import dev.mnemo.reference.MapMemoryStore;
import dev.mnemo.spi.Summarizer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RollingSummariesTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private final MapMemoryStore store = MapMemoryStore.create();
    private final SessionId id = SessionId.of("chat-1");
    private final List<Mnemo> opened = new ArrayList<>();

    @AfterEach
    void close() {
        opened.forEach(Mnemo::close);
    }

    @Test
    void aSummaryIsStoredEveryFiveMessagesAndTheContextIsTheSummaryPlusWhatFollows() {
        ListingSummarizer summarizer = new ListingSummarizer();
        BlockingMnemo memory = open(summarizer, SummaryConfig.builder().keepRecent(2).everyTokens(0).build());
        memory.openSession(id, "u1");

        appendEach(memory, 0, 5);
        awaitUntil(() -> memory.summary(id).value().isPresent());

        Summary summary = memory.summary(id).value().orElseThrow();
        assertThat(ListingSummarizer.covered(summary)).containsExactly("m0", "m1", "m2");
        Context context = memory.context(id, ContextPolicy.summary());
        assertThat(context.summary()).contains(summary);
        assertThat(context.messages()).extracting(Message::content).containsExactly("m3", "m4");
    }

    @Test
    void eachRunGetsThePreviousSummaryAndOnlyTheMessagesAfterIt() {
        ListingSummarizer summarizer = new ListingSummarizer();
        BlockingMnemo memory = open(summarizer, SummaryConfig.builder().keepRecent(0).everyTokens(0).build());
        memory.openSession(id, "u1");

        appendEach(memory, 0, 5);
        awaitUntil(() -> memory.summary(id).value().map(Summary::version).orElse(0L) == 1);
        appendEach(memory, 5, 10);
        awaitUntil(() -> memory.summary(id).value().map(Summary::version).orElse(0L) == 2);

        assertThat(summarizer.calls).containsExactly(
                new ListingSummarizer.Call(null, List.of("m0", "m1", "m2", "m3", "m4")),
                new ListingSummarizer.Call("m0,m1,m2,m3,m4", List.of("m5", "m6", "m7", "m8", "m9")));
        assertThat(memory.context(id, ContextPolicy.summary()).messages()).isEmpty();
    }

    @Test
    void aTokenThresholdTriggersARunBeforeTheMessageCountDoes() {
        ListingSummarizer summarizer = new ListingSummarizer();
        BlockingMnemo memory = open(summarizer, SummaryConfig.builder().everyMessages(0).everyTokens(50)
                .keepRecent(1).build());
        memory.openSession(id, "u1");

        memory.append(id, Message.user("m0"));
        memory.append(id, Message.user("m1 " + "word ".repeat(60)));
        awaitUntil(() -> memory.summary(id).value().isPresent());

        assertThat(ListingSummarizer.covered(memory.summary(id).value().orElseThrow())).containsExactly("m0");
    }

    @Test
    void aSummaryRacingWithAppendsLosesNoMessage() throws Exception {
        CountDownLatch firstRunStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ListingSummarizer listing = new ListingSummarizer();
        Summarizer slowFirst = (previous, messages) -> {
            if (firstRunStarted.getCount() > 0) {
                firstRunStarted.countDown();
                await(release);
            }
            return listing.summarize(previous, messages);
        };
        BlockingMnemo memory = open(slowFirst, SummaryConfig.builder().keepRecent(3).everyTokens(0).pageSize(7).build());
        memory.openSession(id, "u1");

        appendEach(memory, 0, 10);
        await(firstRunStarted);
        appendEach(memory, 10, 120); // every append while the first run waits, and more runs after it
        release.countDown();
        awaitUntil(() -> memory.summarize(id).map(s -> s.text().endsWith(",m116")).orElse(false));

        Summary summary = memory.summary(id).value().orElseThrow();
        Context context = memory.context(id, ContextPolicy.lastMessages(200).then(ContextPolicy.summary()));
        List<String> everything = ListingSummarizer.covered(summary);
        context.messages().forEach(message -> everything.add(message.content()));
        assertThat(everything).isEqualTo(contents(0, 120));
        assertThat(context.messages()).hasSize(3);
    }

    @Test
    void twoSummarizersRacingOnOneSessionCoverEveryMessageOnce() throws Exception {
        CyclicBarrier bothSummarizing = new CyclicBarrier(2);
        ListingSummarizer listing = new ListingSummarizer();
        Summarizer meetFirst = (previous, messages) -> {
            if (previous.isEmpty()) {
                await(bothSummarizing);
            }
            return listing.summarize(previous, messages);
        };
        SummaryConfig onDemand = SummaryConfig.builder().everyMessages(0).everyTokens(0).keepRecent(2).build();
        BlockingMnemo one = open(meetFirst, onDemand);
        BlockingMnemo two = open(meetFirst, onDemand);
        one.openSession(id, "u1");
        appendEach(one, 0, 10);

        CompletableFuture<Optional<Summary>> first = one.async().summarize(id).toCompletableFuture();
        CompletableFuture<Optional<Summary>> second = two.async().summarize(id).toCompletableFuture();
        first.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        second.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);

        Summary summary = one.summary(id).value().orElseThrow();
        assertThat(ListingSummarizer.covered(summary)).isEqualTo(contents(0, 8));
        assertThat(summary.version()).isEqualTo(1);
        assertThat(one.async().summaryStats().conflicts() + two.async().summaryStats().conflicts()).isEqualTo(1);
        assertThat(one.async().summaryStats().stored() + two.async().summaryStats().stored()).isEqualTo(1);
    }

    @Test
    void aFailingSummarizerIsLoggedAndCountedAndNeverReachesTheAppend() {
        Summarizer broken = (previous, messages) -> {
            throw new IllegalStateException("model unavailable");
        };
        BlockingMnemo memory = open(broken, SummaryConfig.builder().keepRecent(0).everyTokens(0).build());
        memory.openSession(id, "u1");

        appendEach(memory, 0, 10);
        awaitUntil(() -> memory.async().summaryStats().failed() >= 2);

        assertThat(memory.history(id, 20).value()).hasSize(10);
        assertThat(memory.summary(id).value()).isEmpty();
        assertThatThrownBy(() -> memory.summarize(id)).hasMessageContaining("model unavailable");
    }

    @Test
    void aSummarizerThatReturnsNoTextStoresNothing() {
        BlockingMnemo memory = open((previous, messages) -> CompletableFuture.completedFuture(" "),
                SummaryConfig.builder().keepRecent(0).build());
        memory.openSession(id, "u1");
        appendEach(memory, 0, 3);

        assertThatThrownBy(() -> memory.summarize(id)).hasMessageContaining("no text");
        assertThat(memory.summary(id).value()).isEmpty();
    }

    @Test
    void summarizeWithoutASummarizerFails() {
        Mnemo mnemo = Mnemo.builder().tiers(store).build();
        opened.add(mnemo);
        mnemo.blocking().openSession(id, "u1");

        assertThatThrownBy(() -> mnemo.blocking().summarize(id)).isInstanceOf(MnemoException.class)
                .hasMessageContaining("No summarizer");
    }

    @Test
    void closeStopsTheSummaryThreads() {
        Mnemo mnemo = Mnemo.builder().tiers(store).summarizer(new ListingSummarizer())
                .summaryConfig(SummaryConfig.builder().keepRecent(0).build()).build();
        BlockingMnemo memory = mnemo.blocking();
        memory.openSession(id, "u1");
        appendEach(memory, 0, 5);
        awaitUntil(() -> memory.summary(id).value().isPresent());

        mnemo.close();

        awaitUntil(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(thread -> thread.getName().startsWith("mnemo-summary-") && thread.isAlive()
                        && !thread.getName().equals(Thread.currentThread().getName())));
    }

    private BlockingMnemo open(Summarizer summarizer, SummaryConfig config) {
        Mnemo mnemo = Mnemo.builder().tiers(store).summarizer(summarizer).summaryConfig(config).build();
        opened.add(mnemo);
        return mnemo.blocking();
    }

    private void appendEach(BlockingMnemo memory, int from, int to) {
        for (int i = from; i < to; i++) {
            memory.append(id, i % 2 == 0 ? Message.user("m" + i) : Message.assistant("m" + i));
        }
    }

    private static List<String> contents(int from, int to) {
        List<String> contents = new ArrayList<>();
        for (int i = from; i < to; i++) {
            contents.add("m" + i);
        }
        return contents;
    }

    private static void awaitUntil(BooleanSupplier condition) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Condition not met within " + PATIENCE);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError("Latch not released within " + PATIENCE);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
