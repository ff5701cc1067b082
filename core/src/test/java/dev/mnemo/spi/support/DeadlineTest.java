package dev.mnemo.spi.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mnemo.InvalidInputException;
import dev.mnemo.StoreTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class DeadlineTest {

    private final Deadline deadline = new Deadline(Duration.ofMillis(200));

    @Test
    void awaitAnswersWhatTheCallAnswersAndRethrowsItsFailureUnwrapped() {
        assertThat(deadline.await("read", () -> CompletableFuture.completedFuture("value"))).isEqualTo("value");
        assertThatThrownBy(() -> deadline.await("read", () -> {
            throw new InvalidInputException("bad id");
        })).isInstanceOf(InvalidInputException.class).hasMessage("bad id");
    }

    @Test
    void aCallMadeOfStepsThatNeverEndsFailsAtTheDeadlineNamingTheCall() {
        long start = System.nanoTime();

        assertThatThrownBy(() -> deadline.await("add", () -> CompletableFuture.completedFuture(1)
                .thenCompose(first -> new CompletableFuture<Integer>())))
                .isInstanceOf(StoreTimeoutException.class).hasMessageContaining("add");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aDeadlineIsPositive() {
        assertThatThrownBy(() -> new Deadline(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
