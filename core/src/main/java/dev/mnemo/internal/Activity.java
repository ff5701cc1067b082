package dev.mnemo.internal;

import dev.mnemo.spi.MemoryStore;
import dev.mnemo.spi.SessionRef;
import dev.mnemo.spi.support.Debouncer;
import dev.mnemo.spi.support.Stages;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads count as activity: a session that is only read keeps its hot window (its TTL slides) and is
 * not ended by the idle sweep, which goes by its last activity ({@link dev.mnemo.Session#updatedAt()}).
 * Writes refresh both already; a read touches the session in the background, at most once per
 * interval per session in this process, and not at all when the read saw activity that recent. The
 * interval is 1% of the shortest TTL of the tiers touched, between 1 and 60 seconds, so a session
 * may expire at most that much early, as an append's refresh allows too.
 *
 * <p>The tiers touched are the ones an idle session leaves and the sweep reads activity from: the hot
 * tier (else the tier of record) and the fallback; a durable tier behind a hot one keeps the last write.
 */
final class Activity {

    private static final Logger LOG = LoggerFactory.getLogger(Activity.class);
    private static final Duration LONGEST = Duration.ofSeconds(60);
    private static final Duration SHORTEST = Duration.ofSeconds(1);

    private final List<MemoryStore> touched;
    private final Duration interval;
    private final Debouncer<SessionRef> debouncer;
    private final Clock clock;

    Activity(Tiers tiers, Clock clock) {
        MemoryStore first = tiers.hotOrder.isEmpty() ? null : tiers.hotOrder.get(0);
        this.touched = Tiers.present(first, first == tiers.fallback ? null : tiers.fallback);
        this.interval = interval(touched);
        this.debouncer = new Debouncer<>(interval, clock);
        this.clock = clock;
    }

    /**
     * Notes a read of a session that the hot tier (or the tier of record) answered.
     *
     * @param lastActive the session's last activity as the read saw it, or {@code null} when the read
     *                   did not show it
     */
    void read(SessionRef ref, @Nullable Instant lastActive) {
        if (lastActive != null && lastActive.plus(interval).isAfter(clock.instant())) {
            return;
        }
        if (!debouncer.due(ref)) {
            return;
        }
        for (MemoryStore tier : touched) {
            Stages.call(() -> tier.touchSession(ref)).whenComplete((done, error) -> {
                if (error != null) {
                    debouncer.forget(ref);
                    LOG.debug("Could not mark a read of {} in tier '{}': {}", ref, tier.name(), Stages.unwrap(error).toString());
                }
            });
        }
    }

    /** @return how often a read touches a session at most */
    Duration interval() {
        return interval;
    }

    private static Duration interval(List<MemoryStore> tiers) {
        Duration shortest = tiers.stream().map(tier -> tier.capabilities().ttl()).filter(Objects::nonNull)
                .min(Duration::compareTo).map(ttl -> ttl.dividedBy(100)).orElse(LONGEST);
        return shortest.compareTo(SHORTEST) < 0 ? SHORTEST : shortest.compareTo(LONGEST) > 0 ? LONGEST : shortest;
    }
}
