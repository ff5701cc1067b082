package dev.mnemo.analytics;

import dev.mnemo.analytics.internal.LocalAnalyticsBuffer;
import dev.mnemo.spi.AnalyticsBuffer;
import dev.mnemo.testkit.AnalyticsBufferContract;
import java.time.Clock;

/** The in-process buffer keeps the buffer contract. */
class LocalAnalyticsBufferTest extends AnalyticsBufferContract {

    @Override
    protected AnalyticsBuffer createBuffer() {
        return new LocalAnalyticsBuffer(Clock.systemUTC(), RETENTION);
    }
}
