package dev.mnemo.examples.chatbot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The token bucket of each user, on a clock the test moves. */
class ChatbotRateLimiterTest {

    private final AtomicLong now = new AtomicLong(123_456_789L);
    private final RateLimiter limiter = new RateLimiter(60, 3, now::get); // one a second, three at once

    @Test
    void aBurstIsAllowedThenOneRequestPerInterval() {
        assertThat(limiter.acquire("ada")).isZero();
        assertThat(limiter.acquire("ada")).isZero();
        assertThat(limiter.acquire("ada")).isZero();
        assertThat(limiter.acquire("ada")).isEqualTo(1);
        advance(999);
        assertThat(limiter.acquire("ada")).isEqualTo(1);
        advance(1);
        assertThat(limiter.acquire("ada")).isZero();
        assertThat(limiter.acquire("ada")).isEqualTo(1);
    }

    @Test
    void eachUserHasABucketOfTheirOwn() {
        for (int i = 0; i < 3; i++) {
            limiter.acquire("ada");
        }
        assertThat(limiter.acquire("ada")).isPositive();
        assertThat(limiter.acquire("grace")).isZero();
    }

    @Test
    void anIdleUserRefillsToTheBurstAndNoFurther() {
        for (int i = 0; i < 3; i++) {
            limiter.acquire("ada");
        }
        advance(60_000);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.acquire("ada")).isZero();
        }
        assertThat(limiter.acquire("ada")).isEqualTo(1);
    }

    @Test
    void retryAfterRoundsUpToWholeSeconds() {
        RateLimiter slow = new RateLimiter(1, 1, now::get); // one a minute
        assertThat(slow.acquire("ada")).isZero();
        assertThat(slow.acquire("ada")).isEqualTo(60);
        advance(59_500);
        assertThat(slow.acquire("ada")).isEqualTo(1);
    }

    private void advance(long millis) {
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    }
}
