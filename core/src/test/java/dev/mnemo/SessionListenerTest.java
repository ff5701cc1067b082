package dev.mnemo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mnemo.reference.MapMemoryStore;
import dev.mnemo.spi.MemoryStore;
import dev.mnemo.spi.SessionAccess;
import dev.mnemo.spi.SessionListener;
import dev.mnemo.spi.SessionRef;
import dev.mnemo.summary.ExtractiveSummarizer;
import dev.mnemo.summary.SummaryConfig;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What Mnemo tells its session listeners, and that a listener's failure never reaches the caller. */
class SessionListenerTest {

    private final List<String> events = new CopyOnWriteArrayList<>();
    private final SessionId id = SessionId.of("chat-1");
    private Mnemo mnemo;

    /** Records each event; fails every call when told to. */
    private final class Recorder implements SessionListener {
        private final boolean failing;
        private List<MemoryStore> tiers;

        Recorder(boolean failing) {
            this.failing = failing;
        }

        @Override
        public void attach(SessionAccess access) {
            tiers = access.tiers();
        }

        @Override
        public CompletionStage<Void> created(Session session) {
            return event("created " + session.id());
        }

        @Override
        public CompletionStage<Void> appended(SessionRef ref, AppendResult result) {
            return event("appended " + result.messages().size());
        }

        @Override
        public CompletionStage<Void> ended(SessionRef ref) {
            return event("ended " + ref.id());
        }

        @Override
        public CompletionStage<Void> deleted(SessionRef ref) {
            return event("deleted " + ref.id());
        }

        @Override
        public CompletionStage<Void> userDeleted(String namespace, String userId) {
            return event("userDeleted " + userId);
        }

        @Override
        public void close() {
            events.add("closed");
        }

        private CompletionStage<Void> event(String event) {
            events.add(event);
            if (failing) {
                throw new IllegalStateException("listener broke on " + event);
            }
            return CompletableFuture.completedFuture(null);
        }
    }

    @AfterEach
    void close() {
        if (mnemo != null) {
            mnemo.close();
        }
    }

    @Test
    void listenerHearsEachEventOnceAfterItHappened() {
        MapMemoryStore store = MapMemoryStore.create();
        Recorder recorder = new Recorder(false);
        mnemo = Mnemo.builder().tiers(store).listener(recorder).build();
        BlockingMnemo memory = mnemo.blocking();
        memory.openSession(id, "u1");
        memory.openSession(id, "u1");
        memory.append(id, Message.user("hi"), Message.assistant("hello"));
        assertThat(memory.endSession(id)).isTrue();
        assertThat(memory.endSession(id)).isFalse();
        memory.deleteSession(id);
        memory.deleteUser("u1");
        mnemo.close();
        mnemo = null;
        assertThat(recorder.tiers).containsExactly(store);
        assertThat(events).containsExactly("created chat-1", "appended 2", "ended chat-1", "deleted chat-1",
                "userDeleted u1", "closed");
    }

    @Test
    void ofConcurrentEndsExactlyOneIsTrueAndTheListenerHearsOnce() {
        mnemo = Mnemo.builder().tiers(MapMemoryStore.create()).listener(new Recorder(false)).build();
        mnemo.blocking().openSession(id, "u1");
        List<CompletableFuture<Boolean>> ends = IntStream.range(0, 16)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> mnemo.blocking().endSession(id))).toList();
        assertThat(ends.stream().filter(CompletableFuture::join).count()).isEqualTo(1);
        assertThat(events.stream().filter(event -> event.startsWith("ended"))).hasSize(1);
    }

    @Test
    void aFailingListenerNeverFailsTheCall() {
        mnemo = Mnemo.builder().tiers(MapMemoryStore.create()).listener(new Recorder(true)).build();
        BlockingMnemo memory = mnemo.blocking();
        memory.openSession(id, "u1");
        assertThat(memory.append(id, Message.user("hi")).appended()).isEqualTo(1);
        assertThat(memory.endSession(id)).isTrue();
        assertThat(events).containsExactly("created chat-1", "appended 1", "ended chat-1");
    }

    @Test
    void endWithASummarizerStoresAFinalSummaryBeforeTheEnd() {
        SummaryConfig onlyAtEnd = SummaryConfig.builder().everyMessages(0).everyTokens(0).keepRecent(0).build();
        mnemo = Mnemo.builder().tiers(MapMemoryStore.create()).summarizer(new ExtractiveSummarizer())
                .summaryConfig(onlyAtEnd).build();
        BlockingMnemo memory = mnemo.blocking();
        memory.openSession(id, "u1");
        memory.append(id, Message.user("Where is my parcel?"), Message.assistant("It ships tomorrow."));
        assertThat(memory.summary(id).value()).isEmpty();
        assertThat(memory.endSession(id)).isTrue();
        assertThat(memory.summary(id).value()).isPresent();
    }
}
