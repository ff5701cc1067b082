package dev.mnemo.reference;

import dev.mnemo.ConflictException;
import dev.mnemo.InvalidInputException;
import dev.mnemo.Message;
import dev.mnemo.Session;
import dev.mnemo.SessionId;
import dev.mnemo.SessionNotFoundException;
import dev.mnemo.SessionEnd;
import dev.mnemo.SessionStatus;
import dev.mnemo.State;
import dev.mnemo.StateDelta;
import dev.mnemo.StateScope;
import dev.mnemo.Summary;
import dev.mnemo.spi.support.Limits;
import dev.mnemo.spi.support.Stages;
import dev.mnemo.spi.AppendOutcome;
import dev.mnemo.spi.Capabilities;
import dev.mnemo.spi.Health;
import dev.mnemo.spi.MemoryStore;
import dev.mnemo.spi.SessionRef;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A tier held in maps in process memory: the reference implementation of the
 * {@link MemoryStore} contract, run by the TCK before any server is involved, and the engine of
 * the Caffeine tier, which extends it with bounded maps. Every change to a session happens inside the
 * map's atomic {@code compute} for its key, so appends from many threads to one session
 * serialise there; reads take no lock. It keeps the full history.
 */
public class MapMemoryStore implements MemoryStore {

    private final String name;
    private final Capabilities capabilities;
    private final ConcurrentMap<SessionRef, SessionEntry> sessions;
    private final ConcurrentMap<String, State> shared;
    private final ConcurrentMap<String, Set<SessionId>> sessionsByUser = new ConcurrentHashMap<>();
    private final Clock clock;

    /**
     * @param name         the tier's name
     * @param capabilities what the tier offers; its {@code ttl} is the maps' business
     * @param sessions     where sessions live; may evict and expire entries
     * @param shared       where {@code user:} and {@code app:} state lives; may evict and expire entries
     * @param clock        the clock of session timestamps
     */
    public MapMemoryStore(String name, Capabilities capabilities, ConcurrentMap<SessionRef, SessionEntry> sessions,
                          ConcurrentMap<String, State> shared, Clock clock) {
        this.name = Objects.requireNonNull(name, "name");
        this.capabilities = Objects.requireNonNull(capabilities, "capabilities");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.shared = Objects.requireNonNull(shared, "shared");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** @return the reference store: unbounded hash maps, no expiry, named {@code reference} */
    public static MapMemoryStore create() {
        return new MapMemoryStore("reference", new Capabilities(false, false, 0, null),
                new ConcurrentHashMap<>(), new ConcurrentHashMap<>(), Clock.systemUTC());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Capabilities capabilities() {
        return capabilities;
    }

    @Override
    public CompletionStage<Session> createSession(Session session) {
        return now(() -> {
            SessionRef ref = session.ref();
            SessionEntry entry = sessions.compute(ref, (key, existing) -> {
                if (existing == null) {
                    return new SessionEntry(session);
                }
                if (existing.session.status() == SessionStatus.ENDED) {
                    existing.session = existing.session.reopened(clock.instant());
                }
                return existing;
            });
            if (session.userId() != null) {
                sessionsByUser.computeIfAbsent(userKey(ref.namespace(), session.userId()),
                        key -> ConcurrentHashMap.newKeySet()).add(ref.id());
            }
            return entry.session;
        });
    }

    @Override
    public CompletionStage<Optional<Session>> getSession(SessionRef ref) {
        return now(() -> Optional.ofNullable(sessions.get(ref)).map(entry -> entry.session));
    }

    @Override
    public CompletionStage<Void> touchSession(SessionRef ref) {
        return now(() -> {
            update(ref, entry -> entry.session = entry.session.touched(clock.instant()));
            return null;
        });
    }

    @Override
    public CompletionStage<Boolean> endSession(SessionRef ref, SessionEnd end) {
        return now(() -> {
            boolean[] ended = {false};
            update(ref, entry -> {
                if (entry.session.status() == SessionStatus.ACTIVE) {
                    entry.session = entry.session.ended(clock.instant(), end);
                    ended[0] = true;
                }
            });
            return ended[0];
        });
    }

    @Override
    public CompletionStage<Void> updateMetadata(SessionRef ref, Map<String, ? extends @Nullable Object> changes) {
        return now(() -> {
            update(ref, entry -> entry.session = entry.session.withMetadata(changes, clock.instant()));
            return null;
        });
    }

    @Override
    public CompletionStage<Boolean> deleteSession(SessionRef ref) {
        return now(() -> {
            SessionEntry removed = sessions.remove(ref);
            if (removed != null && removed.session.userId() != null) {
                Set<SessionId> ids = sessionsByUser.get(userKey(ref.namespace(), removed.session.userId()));
                if (ids != null) {
                    ids.remove(ref.id());
                }
            }
            return removed != null;
        });
    }

    @Override
    public CompletionStage<Integer> deleteUser(String namespace, String userId) {
        return now(() -> {
            Set<SessionId> ids = sessionsByUser.remove(userKey(namespace, userId));
            shared.remove(userKey(namespace, userId));
            int deleted = 0;
            for (SessionId id : ids == null ? Set.<SessionId>of() : ids) {
                SessionEntry removed = sessions.remove(new SessionRef(namespace, id));
                deleted += removed != null ? 1 : 0;
            }
            return deleted;
        });
    }

    @Override
    public CompletionStage<List<Session>> listSessions(String namespace, String userId, int limit) {
        return now(() -> {
            Limits.requirePositive("limit", limit);
            Set<SessionId> ids = sessionsByUser.getOrDefault(userKey(namespace, userId), Set.of());
            List<Session> found = new ArrayList<>();
            for (SessionId id : ids) {
                SessionEntry entry = sessions.get(new SessionRef(namespace, id));
                if (entry == null) {
                    ids.remove(id); // evicted or expired
                } else {
                    found.add(entry.session);
                }
            }
            found.sort(Comparator.comparing(Session::updatedAt).reversed());
            return List.copyOf(found.subList(0, Math.min(limit, found.size())));
        });
    }

    @Override
    public CompletionStage<AppendOutcome> append(SessionRef ref, List<Message> messages) {
        return now(() -> {
            Limits.requireMessages(ref, messages);
            AppendOutcome[] outcome = new AppendOutcome[1];
            update(ref, entry -> {
                if (entry.session.status() == SessionStatus.ENDED) {
                    throw new ConflictException("Session " + ref + " has ended and takes no more messages");
                }
                int added = 0;
                long tokens = 0;
                for (Message message : messages) {
                    if (entry.messages.putIfAbsent(message.id(), message) == null) {
                        entry.add(message);
                        added++;
                        tokens += message.tokens();
                    }
                }
                entry.session = entry.session.plus(added, tokens, clock.instant());
                outcome[0] = new AppendOutcome(added, entry.session.messageCount(), entry.session.tokenCount());
            });
            return outcome[0];
        });
    }

    @Override
    public CompletionStage<List<Message>> lastMessages(SessionRef ref, int k) {
        return now(() -> {
            Limits.requirePositive("k", k);
            List<Message> last = new ArrayList<>(Math.min(k, 256));
            for (Message message : entry(ref).messages.descendingMap().values()) {
                if (last.size() == k) {
                    break;
                }
                last.add(message);
            }
            return reversed(last);
        });
    }

    @Override
    public CompletionStage<List<Message>> messagesAfter(SessionRef ref, UUID afterId, int limit) {
        return now(() -> {
            Limits.requirePositive("limit", limit);
            SessionEntry entry = entry(ref);
            Map<UUID, Message> after = afterId == null ? entry.messages : entry.messages.tailMap(afterId, false);
            return after.values().stream().limit(limit).toList();
        });
    }

    @Override
    public CompletionStage<Optional<Summary>> getSummary(SessionRef ref) {
        return now(() -> Optional.ofNullable(entry(ref).summary));
    }

    @Override
    public CompletionStage<Boolean> compareAndSetSummary(SessionRef ref, long expectedVersion, Summary summary) {
        return now(() -> {
            Limits.requireLaterVersion(expectedVersion, summary);
            boolean[] swapped = {false};
            update(ref, entry -> {
                long stored = entry.summary == null ? 0 : entry.summary.version();
                if (stored == expectedVersion) {
                    entry.summary = summary;
                    swapped[0] = true;
                }
            });
            return swapped[0];
        });
    }

    @Override
    public CompletionStage<State> getState(SessionRef ref) {
        return now(() -> {
            SessionEntry entry = entry(ref);
            State state = entry.state.merge(shared.getOrDefault(appKey(ref.namespace()), State.EMPTY));
            String userId = entry.session.userId();
            return userId == null ? state : state.merge(shared.getOrDefault(userKey(ref.namespace(), userId), State.EMPTY));
        });
    }

    @Override
    public CompletionStage<Void> applyState(SessionRef ref, StateDelta delta) {
        return now(() -> {
            StateDelta user = delta.scope(StateScope.USER);
            StateDelta app = delta.scope(StateScope.APP);
            StateDelta own = delta.scope(StateScope.SESSION);
            update(ref, entry -> {
                String userId = entry.session.userId();
                if (!user.isEmpty() && userId == null) {
                    throw new InvalidInputException("Session " + ref + " has no user, so it has no user: state");
                }
                entry.state = entry.state.apply(own);
                if (!user.isEmpty()) {
                    shared.merge(userKey(ref.namespace(), userId), State.EMPTY.apply(user), (old, fresh) -> old.apply(user));
                }
                if (!app.isEmpty()) {
                    shared.merge(appKey(ref.namespace()), State.EMPTY.apply(app), (old, fresh) -> old.apply(app));
                }
            });
            return null;
        });
    }

    @Override
    public CompletionStage<Health> health() {
        return CompletableFuture.completedFuture(Health.up(name, Duration.ZERO, sessions.size() + " sessions"));
    }

    @Override
    public void close() {
        // Nothing to release: the maps belong to the garbage collector.
    }

    private SessionEntry entry(SessionRef ref) {
        SessionEntry entry = sessions.get(ref);
        if (entry == null) {
            throw new SessionNotFoundException(ref.toString());
        }
        return entry;
    }

    /** Runs {@code change} atomically on the session's entry; the map re-weighs the entry afterwards. */
    private void update(SessionRef ref, java.util.function.Consumer<SessionEntry> change) {
        SessionEntry result = sessions.computeIfPresent(ref, (key, entry) -> {
            change.accept(entry);
            return entry;
        });
        if (result == null) {
            throw new SessionNotFoundException(ref.toString());
        }
    }

    private static String userKey(String namespace, String userId) {
        return namespace + "/user:" + userId;
    }

    private static String appKey(String namespace) {
        return namespace + "/app:";
    }

    private static <T> List<T> reversed(List<T> list) {
        List<T> copy = new ArrayList<>(list.size());
        for (int i = list.size() - 1; i >= 0; i--) {
            copy.add(list.get(i));
        }
        return copy;
    }

    private static <T> CompletionStage<T> now(Supplier<T> call) {
        return Stages.call(() -> CompletableFuture.completedFuture(call.get()));
    }
}
