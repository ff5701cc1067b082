package dev.mnemo.analytics.internal;

import dev.mnemo.Message;
import dev.mnemo.SessionId;
import dev.mnemo.spi.support.Stages;
import dev.mnemo.spi.AnalyticsBuffer;
import dev.mnemo.spi.AnswerRecord;
import dev.mnemo.spi.SessionRef;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * The buffer in this process's memory, used when no shared tier offers one: what it holds is
 * this process's alone and is lost with it. Each session's entry changes inside the map's atomic
 * {@code compute}, so concurrent adds and claims serialise there. Entries not written for the
 * retention are dropped when a sweep looks.
 */
public final class LocalAnalyticsBuffer implements AnalyticsBuffer {

    private final ConcurrentMap<SessionRef, Entry> sessions = new ConcurrentHashMap<>();
    private final ConcurrentMap<SessionRef, Instant> schedule = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Instant[]> forgotten = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration retention;

    /**
     * @param clock     the clock of the retention
     * @param retention how long an entry is kept after its last write
     */
    public LocalAnalyticsBuffer(Clock clock, Duration retention) {
        this.clock = clock;
        this.retention = retention;
    }

    @Override
    public CompletionStage<Void> track(SessionRef ref, String userId, Instant startedAt, Instant due) {
        return now(() -> {
            sessions.compute(ref, (key, entry) -> (entry == null ? new Entry() : entry).started(userId, startedAt, clock));
            schedule.putIfAbsent(ref, due);
            return null;
        });
    }

    @Override
    public CompletionStage<Void> add(SessionRef ref, AnswerRecord answer, Instant due) {
        return now(() -> {
            sessions.compute(ref, (key, entry) -> (entry == null ? new Entry() : entry).add(answer, clock));
            schedule.putIfAbsent(ref, due);
            return null;
        });
    }

    @Override
    public CompletionStage<BufferedSession> read(SessionRef ref) {
        return now(() -> {
            BufferedSession[] read = {BufferedSession.EMPTY};
            sessions.computeIfPresent(ref, (key, entry) -> {
                read[0] = new BufferedSession(entry.userId, entry.startedAt, new ArrayList<>(entry.answers.values()));
                return entry;
            });
            return read[0];
        });
    }

    @Override
    public CompletionStage<List<SessionId>> due(String namespace, Instant now, int limit) {
        return now(() -> {
            Instant stale = clock.instant().minus(retention);
            sessions.entrySet().removeIf(entry -> {
                boolean expired = entry.getValue().writtenAt.isBefore(stale);
                if (expired) {
                    schedule.remove(entry.getKey());
                }
                return expired;
            });
            forgotten.values().removeIf(times -> times[1].isBefore(stale));
            return schedule.entrySet().stream()
                    .filter(entry -> entry.getKey().namespace().equals(namespace) && !entry.getValue().isAfter(now))
                    .sorted(Map.Entry.comparingByValue())
                    .limit(limit)
                    .map(entry -> entry.getKey().id())
                    .toList();
        });
    }

    @Override
    public CompletionStage<Boolean> claim(SessionRef ref, Instant now, Instant until) {
        return now(() -> {
            boolean[] claimed = {false};
            schedule.computeIfPresent(ref, (key, due) -> {
                claimed[0] = !due.isAfter(now);
                return claimed[0] ? until : due;
            });
            return claimed[0];
        });
    }

    @Override
    public CompletionStage<Void> schedule(SessionRef ref, Instant due) {
        return now(() -> {
            schedule.put(ref, due);
            return null;
        });
    }

    @Override
    public CompletionStage<Void> remove(SessionRef ref) {
        return now(() -> {
            sessions.remove(ref);
            schedule.remove(ref);
            return null;
        });
    }

    /** Records the purge and drops the buffers of the user's sessions started before it: no query of theirs stays here. */
    @Override
    public CompletionStage<Void> forgetUser(String namespace, String userId, Instant at) {
        return now(() -> {
            forgotten.put(namespace + "/" + userId, new Instant[] {at, clock.instant()});
            sessions.entrySet().removeIf(entry -> {
                Entry held = entry.getValue();
                boolean purged = entry.getKey().namespace().equals(namespace) && userId.equals(held.userId)
                        && !held.startedAt.isAfter(at);
                if (purged) {
                    schedule.remove(entry.getKey());
                }
                return purged;
            });
            return null;
        });
    }

    @Override
    public CompletionStage<Optional<Instant>> forgottenAt(String namespace, String userId) {
        return now(() -> Optional.ofNullable(forgotten.get(namespace + "/" + userId)).map(times -> times[0]));
    }

    private static <T> CompletionStage<T> now(Supplier<T> call) {
        return Stages.call(() -> CompletableFuture.completedFuture(call.get()));
    }

    /** One session's buffer; changed only inside the map's compute for its key. */
    private static final class Entry {
        private String userId;
        private Instant startedAt;
        private final Map<UUID, AnswerRecord> answers = new TreeMap<>(Message::compareIds);
        private Instant writtenAt;

        Entry started(String user, Instant started, Clock clock) {
            if (startedAt == null) {
                userId = user;
                startedAt = started;
            }
            writtenAt = clock.instant();
            return this;
        }

        Entry add(AnswerRecord answer, Clock clock) {
            answers.putIfAbsent(answer.messageId(), answer);
            writtenAt = clock.instant();
            return this;
        }
    }
}
