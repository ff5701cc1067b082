package dev.mnemo.adk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.adk.events.Event;
import com.google.adk.sessions.GetSessionConfig;
import com.google.adk.sessions.Session;
import com.google.adk.sessions.SessionException;
import dev.mnemo.AppendResult;
import dev.mnemo.Message;
import dev.mnemo.Mnemo;
import dev.mnemo.MnemoConfig;
import dev.mnemo.StoreTimeoutException;
import dev.mnemo.reference.MapMemoryStore;
import dev.mnemo.spi.AppendOutcome;
import dev.mnemo.spi.Capabilities;
import dev.mnemo.spi.SessionRef;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What each call costs and how long it may take, on Mnemo's reference store (an in-process map,
 * the executable spec every tier passes) extended to count the messages each read returns and to
 * stop answering on demand, as a hung tier would.
 */
class AdkBoundedCallsTest {

    /** The reference store, counting the messages its reads return; it can stop answering appends and reads. */
    static final class Tier extends MapMemoryStore {
        final AtomicInteger messagesRead = new AtomicInteger();
        final AtomicBoolean hung = new AtomicBoolean();

        Tier() {
            super("counting", new Capabilities(false, false, 0, null), new ConcurrentHashMap<>(),
                    new ConcurrentHashMap<>(), Clock.systemUTC());
        }

        @Override
        public CompletionStage<List<Message>> lastMessages(SessionRef ref, int k) {
            return counted(super.lastMessages(ref, k));
        }

        @Override
        public CompletionStage<List<Message>> messagesAfter(SessionRef ref, UUID afterId, int limit) {
            return counted(super.messagesAfter(ref, afterId, limit));
        }

        @Override
        public CompletionStage<AppendOutcome> append(SessionRef ref, List<Message> messages) {
            return hung.get() ? new CompletableFuture<>() : super.append(ref, messages);
        }

        @Override
        public CompletionStage<Optional<dev.mnemo.Session>> getSession(SessionRef ref) {
            return hung.get() ? new CompletableFuture<>() : super.getSession(ref);
        }

        private CompletionStage<List<Message>> counted(CompletionStage<List<Message>> read) {
            return read.thenApply(messages -> {
                messagesRead.addAndGet(messages.size());
                return messages;
            });
        }
    }

    private final Tier tier = new Tier();
    private final Mnemo mnemo = Mnemo.builder().tiers(tier).settings(MnemoConfig.builder().namespace("bounded").build())
            .build();

    @AfterEach
    void close() {
        mnemo.close();
    }

    private static Event event(int n) {
        return Event.builder().id("e" + n).author(n % 2 == 0 ? "user" : "agent")
                .content(SampleEvents.user("message " + n)).timestamp(SampleEvents.T0 + n * 10L).build();
    }

    @Test
    void aSessionConfigReadsOnlyTheMessagesItNeedsWhateverTheTranscriptsLength() {
        MnemoSessionService service = MnemoSessionService.builder().mnemo(mnemo).pageSize(64).build();
        Session session = service.createSession("app", "u", null, "long").blockingGet();
        for (int n = 0; n < 300; n++) {
            service.appendEvent(session, event(n)).blockingGet();
        }

        tier.messagesRead.set(0);
        Session recent = service.getSession("app", "u", "long", Optional.of(GetSessionConfig.builder()
                .numRecentEvents(3).build())).blockingGet();
        assertThat(recent.events()).extracting(Event::id).containsExactly("e297", "e298", "e299");
        assertThat(tier.messagesRead).hasValue(3);

        tier.messagesRead.set(0);
        Session after = service.getSession("app", "u", "long", Optional.of(GetSessionConfig.builder()
                .afterTimestamp(Instant.ofEpochMilli(SampleEvents.T0 + 2_955)).build())).blockingGet();
        assertThat(after.events()).extracting(Event::id).containsExactly("e296", "e297", "e298", "e299");
        assertThat(tier.messagesRead).as("the latest page").hasValue(64);

        tier.messagesRead.set(0);
        Session older = service.getSession("app", "u", "long", Optional.of(GetSessionConfig.builder()
                .afterTimestamp(Instant.ofEpochMilli(SampleEvents.T0 + 2_000)).build())).blockingGet();
        assertThat(older.events()).extracting(Event::id).hasSize(100).startsWith("e200").endsWith("e299");
        assertThat(tier.messagesRead).as("the latest page and one page from the time on").hasValue(2 * 64);

        tier.messagesRead.set(0);
        assertThat(service.getSession("app", "u", "long", Optional.empty()).blockingGet().events())
                .extracting(Event::id).hasSize(300).doesNotHaveDuplicates().startsWith("e0").endsWith("e299");
        assertThat(tier.messagesRead).as("all of it, in pages of 64, one read twice where they meet")
                .hasValueBetween(300, 300 + 64);
    }

    @Test
    void aDefaultConfigBoundsWhatTheRunnersReadsLoad() {
        MnemoSessionService service = MnemoSessionService.builder().mnemo(mnemo)
                .defaultConfig(GetSessionConfig.builder().numRecentEvents(10).build()).build();
        Session session = service.createSession("app", "u", null, "windowed").blockingGet();
        for (int n = 0; n < 40; n++) {
            service.appendEvent(session, event(n)).blockingGet();
        }
        tier.messagesRead.set(0);

        assertThat(service.getSession("app", "u", "windowed", Optional.empty()).blockingGet().events())
                .extracting(Event::id).first().isEqualTo("e30");
        assertThat(tier.messagesRead).hasValue(10);
        assertThat(service.listEvents("app", "u", "windowed").blockingGet().events()).hasSize(40);
    }

    @Test
    void aCallToATierThatNeverAnswersFailsAtMnemosCallDeadlineAndChangesNothing() {
        try (Mnemo bounded = Mnemo.builder().tiers(tier).settings(MnemoConfig.builder().namespace("bounded")
                .callTimeout(Duration.ofMillis(300)).build()).build()) {
            MnemoSessionService service = MnemoSessionService.create(bounded);
            Session session = service.createSession("app", "u", Map.of("k", "v"), "hung").blockingGet();
            tier.hung.set(true);

            long start = System.nanoTime();
            assertThatThrownBy(() -> service.getSession("app", "u", "hung", Optional.empty()).blockingGet())
                    .isInstanceOf(SessionException.class).hasMessageContaining("300 ms")
                    .hasCauseInstanceOf(StoreTimeoutException.class);
            assertThatThrownBy(() -> service.appendEvent(session, event(1)).blockingGet())
                    .isInstanceOf(SessionException.class).hasCauseInstanceOf(StoreTimeoutException.class);
            Duration waited = Duration.ofNanos(System.nanoTime() - start);

            assertThat(service.callTimeout()).isEqualTo(Duration.ofMillis(300));
            assertThat(waited).isBetween(Duration.ofMillis(600), Duration.ofSeconds(20));
            assertThat(session.events()).as("an event that was not stored is not in the session").isEmpty();
            tier.hung.set(false);
            AppendResult later = bounded.blocking().append(AdkIds.sessionId("hung"), Message.user("still usable"));
            assertThat(later.appended()).isEqualTo(1);
        }
    }
}
