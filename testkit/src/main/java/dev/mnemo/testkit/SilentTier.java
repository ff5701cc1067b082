package dev.mnemo.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mnemo.StoreTimeoutException;
import dev.mnemo.spi.Capabilities;
import dev.mnemo.spi.MemoryStore;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * A tier that takes every call and never answers one, as a frozen server without client timeouts
 * would: what a test of a deadline runs on, to show that a call ends at the deadline whatever the
 * tiers do.
 */
public final class SilentTier {

    private SilentTier() {
    }

    /** @return a tier whose every call returns a stage that never completes */
    public static MemoryStore create() {
        return (MemoryStore) Proxy.newProxyInstance(MemoryStore.class.getClassLoader(), new Class<?>[] {MemoryStore.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "name" -> "silent";
                    case "capabilities" -> new Capabilities(false, false, 0, null);
                    case "capability" -> Optional.empty();
                    case "close" -> null;
                    case "toString" -> "silent tier";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> CompletionStage.class.isAssignableFrom(method.getReturnType()) ? new CompletableFuture<>()
                            : List.of();
                });
    }

    /**
     * Asserts that {@code call} fails with {@link StoreTimeoutException} once {@code deadline}
     * passed, and well before a call with no deadline would end (never): the margin allows a
     * loaded machine's pauses, not a second time limit.
     */
    public static void assertEndsAtDeadline(Duration deadline, ThrowingCallable call) {
        long start = System.nanoTime();
        assertThatThrownBy(call).isInstanceOf(StoreTimeoutException.class).hasMessageContaining("mnemo.call-timeout");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(deadline)
                .isLessThan(deadline.plusSeconds(5));
    }
}
