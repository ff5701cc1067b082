package dev.mnemo.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mnemo.ConflictException;
import dev.mnemo.InvalidInputException;
import dev.mnemo.Message;
import dev.mnemo.Role;
import dev.mnemo.Session;
import dev.mnemo.SessionId;
import dev.mnemo.SessionNotFoundException;
import dev.mnemo.SessionStatus;
import dev.mnemo.State;
import dev.mnemo.StateDelta;
import dev.mnemo.Summary;
import dev.mnemo.spi.support.Stages;
import dev.mnemo.spi.AppendOutcome;
import dev.mnemo.spi.MemoryStore;
import dev.mnemo.spi.SessionRef;
import dev.mnemo.spi.Window;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link MemoryStore} keeps, as JUnit 5 tests. A tier's test extends this
 * class and says only how to build its store; the nested groups check sessions, appends and
 * idempotency, windows and paging, summary compare-and-set, state scopes, expiry, purge, bad
 * input and concurrency. Each test works in a namespace of its own, so stores backed by a
 * shared server need no cleaning between tests.
 */
public abstract class MemoryStoreContract {

    /** Messages appended by the tests that need "a few": under every default window. */
    protected static final int FEW = 12;

    /** The store under test, made by {@link #createStore()} before each test and closed after it. */
    protected MemoryStore store;
    /** A namespace no other test uses. */
    protected String namespace;

    /** @return a new store, configured with its defaults but for what a test server needs */
    protected abstract MemoryStore createStore();

    /**
     * @param ttl how long an idle session lives
     * @return a store whose sessions expire after {@code ttl}, or empty when the tier has no expiry
     */
    protected Optional<MemoryStore> createStoreWithTtl(Duration ttl) {
        return Optional.empty();
    }

    @BeforeEach
    void openStore() {
        namespace = "tck-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
        store = createStore();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    // ----------------------------------------------------------------- helpers

    /** @return the value of a stage that must succeed */
    protected static <T> T await(CompletionStage<T> stage) {
        return Stages.join(stage);
    }

    /** Asserts that {@code stage} fails with {@code type}. */
    protected static void assertFails(Class<? extends Throwable> type, ThrowableAssert.ThrowingCallable stage) {
        assertThatThrownBy(stage).isInstanceOf(type);
    }

    /** @return a reference to a fresh session id in this test's namespace */
    protected SessionRef newRef() {
        return new SessionRef(namespace, SessionId.of("s-" + UUID.randomUUID()));
    }

    /** @return a created session owned by {@code userId} */
    protected Session open(String userId) {
        SessionRef ref = newRef();
        return await(store.createSession(Session.create(ref, userId, Map.of("channel", "web"), now())));
    }

    /** @return {@code count} user messages with distinct content and a token count each */
    protected static List<Message> messages(int count) {
        List<Message> batch = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            batch.add(Message.user("message " + i).withTokens(3));
        }
        return batch;
    }

    /** @return every message of the session, paged through in pages of {@code page} */
    protected List<Message> all(SessionRef ref, int page) {
        List<Message> all = new ArrayList<>();
        UUID after = null;
        while (true) {
            List<Message> next = await(store.messagesAfter(ref, after, page));
            if (next.isEmpty()) {
                return all;
            }
            all.addAll(next);
            after = next.get(next.size() - 1).id();
        }
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    private static List<UUID> ids(List<Message> messages) {
        return messages.stream().map(Message::id).toList();
    }

    // ------------------------------------------------------------------ groups

    @Nested
    class Sessions {

        @Test
        void createThenGetReturnsTheSession() {
            Session created = open("u1");
            Session read = await(store.getSession(created.ref())).orElseThrow();
            assertThat(read.id()).isEqualTo(created.id());
            assertThat(read.userId()).isEqualTo("u1");
            assertThat(read.status()).isEqualTo(SessionStatus.ACTIVE);
            assertThat(read.metadata()).containsEntry("channel", "web");
            assertThat(read.messageCount()).isZero();
        }

        @Test
        void createWhenSessionExistsThenReturnsTheStoredOne() {
            Session first = open("u1");
            Session again = Session.create(first.ref(), "u2", Map.of(), now().plusSeconds(5));
            Session stored = await(store.createSession(again));
            assertThat(stored.userId()).isEqualTo("u1");
            assertThat(stored.createdAt()).isEqualTo(first.createdAt());
        }

        @Test
        void getWhenAbsentThenEmpty() {
            assertThat(await(store.getSession(newRef()))).isEmpty();
        }

        @Test
        void listSessionsReturnsTheUsersSessionsMostRecentFirst() throws InterruptedException {
            Session older = open("lister");
            Session newer = open("lister");
            open("someone-else");
            Thread.sleep(5);
            await(store.append(older.ref(), messages(1)));
            List<Session> listed = await(store.listSessions(namespace, "lister", 10));
            assertThat(listed).extracting(Session::id).containsExactly(older.id(), newer.id());
            assertThat(await(store.listSessions(namespace, "lister", 1))).extracting(Session::id).containsExactly(older.id());
            assertThat(await(store.listSessions(namespace, "nobody", 10))).isEmpty();
        }

        @Test
        void endClaimsOnceThenReportsAlreadyEnded() {
            Session session = open("u1");
            assertThat(await(store.endSession(session.ref()))).isTrue();
            assertThat(await(store.endSession(session.ref()))).isFalse();
            assertThat(await(store.getSession(session.ref())).orElseThrow().status()).isEqualTo(SessionStatus.ENDED);
        }

        @Test
        void endWhenAbsentThenSessionNotFound() {
            assertFails(SessionNotFoundException.class, () -> await(store.endSession(newRef())));
        }

        @Test
        void touchMovesLastActivityForward() throws InterruptedException {
            Session session = open("u1");
            Thread.sleep(20);
            await(store.touchSession(session.ref()));
            assertThat(await(store.getSession(session.ref())).orElseThrow().updatedAt()).isAfter(session.updatedAt());
            assertFails(SessionNotFoundException.class, () -> await(store.touchSession(newRef())));
        }

        @Test
        void sameIdInAnotherNamespaceIsAnotherSession() {
            Session session = open("u1");
            SessionRef elsewhere = new SessionRef(namespace + "-other", session.id());
            assertThat(await(store.getSession(elsewhere))).isEmpty();
            await(store.createSession(Session.create(elsewhere, "u9", Map.of(), now())));
            await(store.append(elsewhere, messages(2)));
            assertThat(await(store.lastMessages(session.ref(), 10))).isEmpty();
            assertThat(await(store.deleteSession(elsewhere))).isTrue();
            assertThat(await(store.getSession(session.ref()))).isPresent();
        }
    }

    @Nested
    class Appends {

        @Test
        void appendBatchThenReadInIdOrder() {
            Session session = open("u1");
            List<Message> batch = messages(FEW);
            List<Message> shuffled = new ArrayList<>(batch);
            Collections.shuffle(shuffled);
            AppendOutcome outcome = await(store.append(session.ref(), shuffled));
            assertThat(outcome.appended()).isEqualTo(FEW);
            assertThat(outcome.messageCount()).isEqualTo(FEW);
            assertThat(outcome.tokenCount()).isEqualTo(3L * FEW);
            assertThat(ids(await(store.lastMessages(session.ref(), FEW)))).isEqualTo(ids(batch));
        }

        @Test
        void appendWhenIdAlreadyStoredThenStoredOnce() {
            Session session = open("u1");
            List<Message> batch = messages(4);
            await(store.append(session.ref(), batch));
            AppendOutcome retry = await(store.append(session.ref(), batch));
            assertThat(retry.appended()).isZero();
            assertThat(retry.messageCount()).isEqualTo(4);
            assertThat(retry.tokenCount()).isEqualTo(12);
            assertThat(await(store.lastMessages(session.ref(), 10))).hasSize(4);
        }

        @Test
        void appendWhenBatchRepeatsAnIdThenStoredOnce() {
            Session session = open("u1");
            Message one = Message.user("once").withTokens(2);
            AppendOutcome outcome = await(store.append(session.ref(), List.of(one, one)));
            assertThat(outcome.appended()).isEqualTo(1);
            assertThat(await(store.lastMessages(session.ref(), 10))).containsExactly(one);
        }

        @Test
        void appendKeepsEveryFieldOfTheMessage() {
            Session session = open("u1");
            Message call = Message.builder(Role.ASSISTANT).content("")
                    .toolCall("call-1", "read_file", "{\"file_path\":\"/tmp/a.txt\"}")
                    .metadata("confidence", 0.75).metadata("sources", List.of("kb-1", "kb-2"))
                    .build().withTokens(17);
            Message result = Message.builder(Role.TOOL).toolCallId("call-1").name("read_file")
                    .content("hello ✓ \"quoted\"\nline").build().withTokens(5);
            await(store.append(session.ref(), List.of(call, result)));
            assertThat(await(store.lastMessages(session.ref(), 2))).containsExactly(call, result);
        }

        @Test
        void appendWhenSessionAbsentThenSessionNotFound() {
            assertFails(SessionNotFoundException.class, () -> await(store.append(newRef(), messages(1))));
        }

        @Test
        void appendWhenSessionEndedThenConflictAndNothingStored() {
            Session session = open("u1");
            await(store.append(session.ref(), messages(2)));
            await(store.endSession(session.ref()));
            assertFails(ConflictException.class, () -> await(store.append(session.ref(), messages(1))));
            assertThat(await(store.getSession(session.ref())).orElseThrow().messageCount()).isEqualTo(2);
        }

        @Test
        void appendUpdatesLastActivity() throws InterruptedException {
            Session session = open("u1");
            Thread.sleep(20);
            await(store.append(session.ref(), messages(1)));
            assertThat(await(store.getSession(session.ref())).orElseThrow().updatedAt()).isAfter(session.updatedAt());
        }
    }

    @Nested
    class Windows {

        @Test
        void lastKReturnsTheNewestKOldestFirst() {
            Session session = open("u1");
            List<Message> batch = messages(FEW);
            await(store.append(session.ref(), batch));
            assertThat(ids(await(store.lastMessages(session.ref(), 3)))).isEqualTo(ids(batch.subList(FEW - 3, FEW)));
            assertThat(await(store.lastMessages(session.ref(), FEW + 10))).hasSize(FEW);
        }

        @Test
        void pagingAfterAnIdVisitsEveryMessageOnce() {
            Session session = open("u1");
            List<Message> batch = messages(FEW);
            await(store.append(session.ref(), batch.subList(0, 5)));
            await(store.append(session.ref(), batch.subList(5, FEW)));
            assertThat(ids(all(session.ref(), 5))).isEqualTo(ids(batch));
            assertThat(await(store.messagesAfter(session.ref(), batch.get(FEW - 1).id(), 5))).isEmpty();
            assertThat(ids(await(store.messagesAfter(session.ref(), batch.get(2).id(), 2))))
                    .isEqualTo(ids(batch.subList(3, 5)));
        }

        @Test
        void readWindowReturnsSessionSummaryAndLastK() {
            Session session = open("u1");
            List<Message> batch = messages(FEW);
            await(store.append(session.ref(), batch));
            Summary summary = new Summary("earlier talk", batch.get(3).id(), 4, 1);
            await(store.compareAndSetSummary(session.ref(), 0, summary));
            Window window = await(store.readWindow(session.ref(), 4, false));
            assertThat(window.session().messageCount()).isEqualTo(FEW);
            assertThat(window.session().tokenCount()).isEqualTo(3L * FEW);
            assertThat(window.summary()).contains(summary);
            assertThat(ids(window.messages())).isEqualTo(ids(batch.subList(FEW - 4, FEW)));
        }

        @Test
        void readWindowWhenSessionAbsentThenSessionNotFound() {
            assertFails(SessionNotFoundException.class, () -> await(store.readWindow(newRef(), 5, false)));
        }

        @Test
        void windowedTierKeepsOnlyItsWindowButCountsEverything() {
            int window = store.capabilities().windowSize();
            Session session = open("u1");
            int total = window == 0 ? FEW : window + 5;
            List<Message> batch = messages(total);
            await(store.append(session.ref(), batch));
            List<Message> kept = await(store.lastMessages(session.ref(), total + 5));
            int expected = window == 0 ? total : window;
            assertThat(ids(kept)).isEqualTo(ids(batch.subList(total - expected, total)));
            assertThat(await(store.getSession(session.ref())).orElseThrow().messageCount()).isEqualTo(total);
        }
    }

    @Nested
    class Summaries {

        @Test
        void noSummaryUntilOneIsSet() {
            Session session = open("u1");
            assertThat(await(store.getSummary(session.ref()))).isEmpty();
        }

        @Test
        void compareAndSetReplacesOnlyTheExpectedVersion() {
            Session session = open("u1");
            UUID upTo = Message.newId();
            Summary first = new Summary("v1", upTo, 2, 1);
            assertThat(await(store.compareAndSetSummary(session.ref(), 0, first))).isTrue();
            Summary second = new Summary("v2", upTo, 3, 2);
            assertThat(await(store.compareAndSetSummary(session.ref(), 1, second))).isTrue();
            Summary stale = new Summary("stale", upTo, 3, 2);
            assertThat(await(store.compareAndSetSummary(session.ref(), 1, stale))).isFalse();
            assertThat(await(store.compareAndSetSummary(session.ref(), 0, first))).isFalse();
            assertThat(await(store.getSummary(session.ref()))).contains(second);
        }

        @Test
        void compareAndSetWhenVersionDoesNotMoveForwardThenInvalidInput() {
            Session session = open("u1");
            Summary first = new Summary("v1", Message.newId(), 1, 1);
            assertFails(InvalidInputException.class, () -> await(store.compareAndSetSummary(session.ref(), 1, first)));
            assertThat(await(store.getSummary(session.ref()))).isEmpty();
        }

        @Test
        void compareAndSetAcceptsASkippedVersionAsACopyFromAnotherTier() {
            Session session = open("u1");
            Summary copied = new Summary("copied", Message.newId(), 4, 7);
            assertThat(await(store.compareAndSetSummary(session.ref(), 0, copied))).isTrue();
            assertThat(await(store.getSummary(session.ref()))).contains(copied);
        }

        @Test
        void summaryOfAbsentSessionIsSessionNotFound() {
            assertFails(SessionNotFoundException.class, () -> await(store.getSummary(newRef())));
            Summary summary = new Summary("x", Message.newId(), 1, 1);
            assertFails(SessionNotFoundException.class, () -> await(store.compareAndSetSummary(newRef(), 0, summary)));
        }

        @Test
        void concurrentCompareAndSetHasOneWinner() throws Exception {
            Session session = open("u1");
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<Boolean>> attempts = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    Summary candidate = new Summary("candidate " + i, Message.newId(), 1, 1);
                    attempts.add(pool.submit(() -> await(store.compareAndSetSummary(session.ref(), 0, candidate))));
                }
                int winners = 0;
                for (Future<Boolean> attempt : attempts) {
                    winners += attempt.get(30, TimeUnit.SECONDS) ? 1 : 0;
                }
                assertThat(winners).isEqualTo(1);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Nested
    class States {

        @Test
        void setThenRemoveSessionKeys() {
            Session session = open("u1");
            await(store.applyState(session.ref(), StateDelta.builder().set("topic", "billing").set("step", 2).build()));
            await(store.applyState(session.ref(), StateDelta.builder().remove("step").build()));
            State state = await(store.getState(session.ref()));
            assertThat(state.values()).containsEntry("topic", "billing").doesNotContainKey("step");
        }

        @Test
        void nestedValueIsReplacedNotMerged() {
            Session session = open("u1");
            await(store.applyState(session.ref(), StateDelta.set("profile", Map.of("name", "Ada", "lang", "en"))));
            await(store.applyState(session.ref(), StateDelta.set("profile", Map.of("name", "Grace"))));
            assertThat(await(store.getState(session.ref())).values()).containsEntry("profile", Map.of("name", "Grace"));
        }

        @Test
        void userScopeIsSharedByTheUsersSessionsOnly() {
            Session first = open("shared-user");
            Session second = open("shared-user");
            Session stranger = open("stranger");
            await(store.applyState(first.ref(), StateDelta.set("user:language", "fr")));
            assertThat(await(store.getState(second.ref())).values()).containsEntry("user:language", "fr");
            assertThat(await(store.getState(stranger.ref())).values()).doesNotContainKey("user:language");
        }

        @Test
        void appScopeIsSharedByTheNamespaceOnly() {
            Session first = open("a");
            Session second = open("b");
            await(store.applyState(first.ref(), StateDelta.set("app:motd", "hello")));
            assertThat(await(store.getState(second.ref())).values()).containsEntry("app:motd", "hello");
            SessionRef elsewhere = new SessionRef(namespace + "-other", SessionId.of("x"));
            await(store.createSession(Session.create(elsewhere, "a", Map.of(), now())));
            assertThat(await(store.getState(elsewhere)).values()).doesNotContainKey("app:motd");
            await(store.deleteSession(elsewhere));
        }

        @Test
        void tempKeysAreNeverStored() {
            Session session = open("u1");
            await(store.applyState(session.ref(), StateDelta.builder().set("temp:scratch", 1).set("kept", true).build()));
            State state = await(store.getState(session.ref()));
            assertThat(state.values()).containsEntry("kept", true).doesNotContainKey("temp:scratch");
        }

        @Test
        void userScopeOfAnonymousSessionIsInvalidInput() {
            Session anonymous = open(null);
            assertFails(InvalidInputException.class,
                    () -> await(store.applyState(anonymous.ref(), StateDelta.set("user:x", 1))));
        }

        @Test
        void stateOfAbsentSessionIsSessionNotFound() {
            assertFails(SessionNotFoundException.class, () -> await(store.getState(newRef())));
            assertFails(SessionNotFoundException.class, () -> await(store.applyState(newRef(), StateDelta.set("a", 1))));
        }
    }

    @Nested
    class Expiry {

        @Test
        void idleSessionExpiresAfterTheTtlWhenTheTierHasOne() throws InterruptedException {
            Optional<MemoryStore> expiring = createStoreWithTtl(Duration.ofMillis(1500));
            if (expiring.isEmpty()) {
                assertThat(store.capabilities().ttl()).as("a tier without a TTL store must not claim a TTL").isNull();
                Session session = open("u1");
                Thread.sleep(50);
                assertThat(await(store.getSession(session.ref()))).isPresent();
                return;
            }
            try (MemoryStore ttlStore = expiring.get()) {
                assertThat(ttlStore.capabilities().ttl()).isEqualTo(Duration.ofMillis(1500));
                SessionRef ref = newRef();
                await(ttlStore.createSession(Session.create(ref, "u1", Map.of(), now())));
                await(ttlStore.append(ref, messages(2)));
                assertThat(await(ttlStore.getSession(ref))).isPresent();
                Thread.sleep(3200);
                assertThat(await(ttlStore.getSession(ref))).isEmpty();
            }
        }
    }

    @Nested
    class Purge {

        @Test
        void deleteSessionRemovesMessagesSummaryAndState() {
            Session session = open("u1");
            await(store.append(session.ref(), messages(3)));
            await(store.compareAndSetSummary(session.ref(), 0, new Summary("s", Message.newId(), 1, 1)));
            await(store.applyState(session.ref(), StateDelta.set("k", "v")));
            assertThat(await(store.deleteSession(session.ref()))).isTrue();
            assertThat(await(store.deleteSession(session.ref()))).isFalse();
            assertThat(await(store.getSession(session.ref()))).isEmpty();
            await(store.createSession(Session.create(session.ref(), "u1", Map.of(), now())));
            assertThat(await(store.lastMessages(session.ref(), 10))).isEmpty();
            assertThat(await(store.getSummary(session.ref()))).isEmpty();
            assertThat(await(store.getState(session.ref())).values()).doesNotContainKey("k");
            assertThat(await(store.getSession(session.ref())).orElseThrow().messageCount()).isZero();
        }

        @Test
        void deleteUserRemovesEverySessionOfTheUserAndTheirUserState() {
            Session first = open("leaving");
            Session second = open("leaving");
            Session kept = open("staying");
            await(store.append(first.ref(), messages(2)));
            await(store.applyState(first.ref(), StateDelta.set("user:plan", "pro")));
            assertThat(await(store.deleteUser(namespace, "leaving"))).isEqualTo(2);
            assertThat(await(store.getSession(first.ref()))).isEmpty();
            assertThat(await(store.getSession(second.ref()))).isEmpty();
            assertThat(await(store.getSession(kept.ref()))).isPresent();
            assertThat(await(store.listSessions(namespace, "leaving", 10))).isEmpty();
            Session returning = open("leaving");
            assertThat(await(store.getState(returning.ref())).values()).doesNotContainKey("user:plan");
        }
    }

    @Nested
    class BadInput {

        @Test
        void nonPositiveCountsAreInvalidInput() {
            Session session = open("u1");
            assertFails(InvalidInputException.class, () -> await(store.lastMessages(session.ref(), 0)));
            assertFails(InvalidInputException.class, () -> await(store.messagesAfter(session.ref(), null, -1)));
            assertFails(InvalidInputException.class, () -> await(store.listSessions(namespace, "u1", 0)));
        }

        @Test
        void emptyBatchIsInvalidInputAndStoresNothing() {
            Session session = open("u1");
            assertFails(InvalidInputException.class, () -> await(store.append(session.ref(), List.of())));
            assertThat(await(store.getSession(session.ref())).orElseThrow().messageCount()).isZero();
        }

        @Test
        void readsOfAbsentSessionAreSessionNotFound() {
            assertFails(SessionNotFoundException.class, () -> await(store.lastMessages(newRef(), 5)));
            assertFails(SessionNotFoundException.class, () -> await(store.messagesAfter(newRef(), null, 5)));
        }
    }

    @Nested
    class Concurrency {

        @Test
        void manyThreadsAppendingToOneSessionStoreEveryMessageOnceInIdOrder() throws Exception {
            Session session = open("u1");
            int threads = 8;
            int perThread = 40;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Message> sent = Collections.synchronizedList(new ArrayList<>());
            try {
                List<Future<?>> writers = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    writers.add(pool.submit(() -> {
                        for (int i = 0; i < perThread; i++) {
                            List<Message> batch = messages(1);
                            sent.addAll(batch);
                            await(store.append(session.ref(), batch));
                            if (i % 10 == 0) {
                                await(store.append(session.ref(), batch)); // a retry changes nothing
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> writer : writers) {
                    writer.get(60, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            int total = threads * perThread;
            Session after = await(store.getSession(session.ref())).orElseThrow();
            assertThat(after.messageCount()).isEqualTo(total);
            assertThat(after.tokenCount()).isEqualTo(3L * total);
            int window = store.capabilities().windowSize();
            int visible = window == 0 ? total : Math.min(window, total);
            List<UUID> expected = sent.stream().sorted(Message.BY_ID).map(Message::id).toList();
            List<Message> stored = await(store.lastMessages(session.ref(), total));
            assertThat(ids(stored)).isEqualTo(expected.subList(total - visible, total));
        }
    }
}
