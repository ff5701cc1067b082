package dev.mnemo.store.firestore.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mnemo.Message;
import dev.mnemo.SessionId;
import dev.mnemo.StoreUnavailableException;
import dev.mnemo.spi.AppendOutcome;
import dev.mnemo.spi.SessionRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The group commit of appends, with a committer that records what it was given and answers when told. */
class CommitLanesTest {

    private static final SessionRef A = new SessionRef("ns", SessionId.of("a"));
    private static final SessionRef B = new SessionRef("ns", SessionId.of("b"));

    private final List<Commit> commits = new CopyOnWriteArrayList<>();

    @Test
    void appendsArrivingDuringACommitShareTheNextOneAndEachGetsItsOwnOutcome() {
        CommitLanes lanes = new CommitLanes(this::record, Duration.ZERO);
        CompletableFuture<AppendOutcome> first = lanes.submit(A, batch(1));
        List<CompletableFuture<AppendOutcome>> waiting = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            waiting.add(lanes.submit(A, batch(2)));
        }
        assertThat(commits).hasSize(1);
        commits.get(0).answer();
        assertThat(first.join().appended()).isEqualTo(1);

        awaitCommits(2);
        assertThat(commits.get(1).batches).hasSize(5);
        commits.get(1).answer();
        for (CompletableFuture<AppendOutcome> outcome : waiting) {
            assertThat(outcome.join().appended()).isEqualTo(2);
        }
    }

    @Test
    void sessionsDoNotWaitForEachOther() {
        CommitLanes lanes = new CommitLanes(this::record, Duration.ZERO);
        lanes.submit(A, batch(1));
        CompletableFuture<AppendOutcome> other = lanes.submit(B, batch(1));
        assertThat(commits).extracting(commit -> commit.ref).containsExactly(A, B);
        commits.get(1).answer();
        assertThat(other.join().appended()).isEqualTo(1);
    }

    @Test
    void failedCommitFailsEveryAppendInItAndTheLaneGoesOn() {
        CommitLanes lanes = new CommitLanes(this::record, Duration.ZERO);
        CompletableFuture<AppendOutcome> failing = lanes.submit(A, batch(1));
        commits.get(0).result.completeExceptionally(new StoreUnavailableException("firestore", "down", null));
        assertThatThrownBy(failing::join).isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(StoreUnavailableException.class);

        CompletableFuture<AppendOutcome> next = lanes.submit(A, batch(1));
        awaitCommits(2);
        commits.get(1).answer();
        assertThat(next.join().appended()).isEqualTo(1);
    }

    @Test
    void oneCommitTakesNoMoreThanFirestoreAllowsTheRestWaitsForTheNext() {
        CommitLanes lanes = new CommitLanes(this::record, Duration.ZERO);
        lanes.submit(A, batch(1));
        for (int i = 0; i < 3; i++) {
            lanes.submit(A, batch(200));
        }
        commits.get(0).answer();
        awaitCommits(2);
        assertThat(commits.get(1).messages()).isEqualTo(400);
        commits.get(1).answer();
        awaitCommits(3);
        assertThat(commits.get(2).messages()).isEqualTo(200);
    }

    @Test
    void nextCommitOfASessionStartsNoSoonerThanTheIntervalAfterThePrevious() {
        Duration interval = Duration.ofMillis(300);
        CommitLanes lanes = new CommitLanes(this::record, interval);
        lanes.submit(A, batch(1));
        commits.get(0).answer();
        CompletableFuture<AppendOutcome> second = lanes.submit(A, batch(1));
        CompletableFuture<AppendOutcome> third = lanes.submit(A, batch(1));
        awaitCommits(2);
        assertThat(commits.get(1).startedNanos - commits.get(0).startedNanos).isGreaterThanOrEqualTo(interval.toNanos());
        assertThat(commits.get(1).batches).hasSize(2);
        commits.get(1).answer();
        assertThat(second.join().appended() + third.join().appended()).isEqualTo(2);
    }

    private CompletableFuture<List<AppendOutcome>> record(SessionRef ref, List<PreparedBatch> batches) {
        Commit commit = new Commit(ref, batches, System.nanoTime(), new CompletableFuture<>());
        commits.add(commit);
        return commit.result;
    }

    private void awaitCommits(int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (commits.size() < count && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(commits).hasSizeGreaterThanOrEqualTo(count);
    }

    private static PreparedBatch batch(int size) {
        List<Message> messages = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            messages.add(Message.user("m" + i));
        }
        return new PreparedBatch(messages, Collections.nCopies(size, Map.of()), size * 100L);
    }

    private record Commit(SessionRef ref, List<PreparedBatch> batches, long startedNanos,
                          CompletableFuture<List<AppendOutcome>> result) {

        /** Answers the commit as if every message of every batch was new. */
        void answer() {
            result.complete(batches.stream().map(batch -> new AppendOutcome(batch.size(), 0, 0)).toList());
        }

        int messages() {
            return batches.stream().mapToInt(PreparedBatch::size).sum();
        }
    }
}
