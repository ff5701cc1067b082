package dev.mnemo.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mnemo.AppendResult;
import dev.mnemo.BlockingMnemo;
import dev.mnemo.Message;
import dev.mnemo.Mnemo;
import dev.mnemo.MnemoConfig;
import dev.mnemo.SessionId;
import dev.mnemo.StateDelta;
import dev.mnemo.StoreTimeoutException;
import dev.mnemo.context.ContextPolicy;
import dev.mnemo.spi.support.Stages;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every call has a deadline: over a tier that never answers (every stage it returns stays
 * pending, as a frozen server's would without a client timeout), each call of the async and the
 * blocking API fails with {@link StoreTimeoutException} once {@code mnemo.call-timeout} passed.
 */
class CallDeadlineTest {

    private static final Duration DEADLINE = Duration.ofMillis(300);

    private final Mnemo mnemo = Mnemo.builder().tiers(SilentTier.create())
            .settings(MnemoConfig.builder().callTimeout(DEADLINE).build()).build();
    private final SessionId id = SessionId.of("frozen");

    @AfterEach
    void close() {
        mnemo.close();
    }

    @Test
    void everyBlockingCallFailsAtTheDeadline() {
        BlockingMnemo memory = mnemo.blocking();
        assertTimesOut(() -> memory.openSession(id, "u1"));
        assertTimesOut(() -> memory.append(id, Message.user("hello?")));
        assertTimesOut(() -> memory.context(id, ContextPolicy.lastMessages(10)));
        assertTimesOut(() -> memory.getSession(id));
        assertTimesOut(() -> memory.state(id));
        assertTimesOut(() -> memory.updateState(id, StateDelta.set("k", 1)));
        assertTimesOut(() -> memory.updateMetadata(id, Map.of("k", 1)));
        assertTimesOut(() -> memory.history(id, 5));
        assertTimesOut(() -> memory.endSession(id));
        assertTimesOut(() -> memory.deleteSession(id));
        assertTimesOut(() -> memory.deleteUser("u1"));
        assertTimesOut(() -> memory.listSessions("u1", 5));
    }

    @Test
    void anAsyncCallFailsItsStageAtTheDeadlineAndNamesTheCallAndTheKey() {
        long start = System.nanoTime();
        CompletableFuture<AppendResult> append = mnemo.append(id, Message.user("hello?")).toCompletableFuture();
        assertThatThrownBy(append::join).hasCauseInstanceOf(StoreTimeoutException.class)
                .hasMessageContaining("append did not complete within 300 ms (mnemo.call-timeout)");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(DEADLINE);
        assertThat(((StoreTimeoutException) append.handle((value, error) -> Stages.unwrap(error)).join()).tier())
                .isEqualTo(StoreTimeoutException.CALL);
    }

    private static void assertTimesOut(ThrowingCallable call) {
        SilentTier.assertEndsAtDeadline(DEADLINE, call);
    }
}
