package dev.mnemo.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mnemo.SessionId;
import dev.mnemo.analytics.internal.LocalAnalyticsBuffer;
import dev.mnemo.spi.AnalyticsBuffer;
import dev.mnemo.spi.AnalyticsBuffer.BufferedSession;
import dev.mnemo.spi.AnswerRecord;
import dev.mnemo.spi.SessionRef;
import dev.mnemo.spi.support.Stages;
import dev.mnemo.testkit.AnalyticsBufferContract;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The in-process buffer keeps the buffer contract. */
class LocalAnalyticsBufferTest extends AnalyticsBufferContract {

    @Override
    protected AnalyticsBuffer createBuffer() {
        return new LocalAnalyticsBuffer(Clock.systemUTC(), RETENTION);
    }

    /** Without a shared tier no store purge reaches this buffer, so the user's purge drops their queries here. */
    @Test
    void forgetUserDropsTheBuffersOfTheUsersSessionsStartedBeforeThePurge() {
        AnalyticsBuffer buffer = createBuffer();
        Instant now = Instant.now();
        SessionRef ada = new SessionRef("ns", SessionId.of("ada-chat"));
        SessionRef bob = new SessionRef("ns", SessionId.of("bob-chat"));
        for (SessionRef ref : List.of(ada, bob)) {
            Stages.join(buffer.track(ref, ref == ada ? "ada" : "bob", now.minusSeconds(60), now));
            Stages.join(buffer.add(ref, new AnswerRecord(UUID.randomUUID(), "my card number is 4111", 5, null, List.of(),
                    null, 0, 0, Map.of(), now), now));
        }

        Stages.join(buffer.forgetUser("ns", "ada", now));

        assertThat(Stages.join(buffer.read(ada))).isEqualTo(BufferedSession.EMPTY);
        assertThat(Stages.join(buffer.due("ns", now, 10))).containsExactly(bob.id());
        assertThat(Stages.join(buffer.read(bob)).answers()).hasSize(1);
    }
}
